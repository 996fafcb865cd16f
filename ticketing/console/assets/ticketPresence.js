// Presence on the ticket page: while it is open the console beats every few seconds (typing when
// the agent wrote in the reply box since the last beat), and shows the colleagues who have the
// same ticket open, so two agents do not answer one customer.
(function (C) {
  'use strict';
  var h = C.h;
  var say = C.say;
  var BEAT_MS = 4000;
  C.addPolish({
    '{who} is also viewing this ticket': '{who} też ogląda to zgłoszenie',
    '{who} is typing a reply': '{who} pisze odpowiedź',
  });
  var beating = null; // { ticketId, timer, typedAt, shown }

  function path(id) {
    return '/api/tickets/' + encodeURIComponent(id) + '/presence';
  }
  function stop() {
    if (!beating) return;
    clearTimeout(beating.timer);
    var id = beating.ticketId;
    beating = null;
    C.api('DELETE', path(id)).catch(function () {
      // The heartbeat fades by itself within seconds.
    });
  }
  function paint(others) {
    var box = document.getElementById('presence');
    if (!box) return;
    var text = others
      .map(function (p) {
        return say(p.state === 'typing' ? '{who} is typing a reply' : '{who} is also viewing this ticket', { who: p.agent });
      })
      .join(' · ');
    if (box.textContent !== text) box.textContent = text;
    box.hidden = !text;
  }
  function beat() {
    var current = beating;
    if (!current) return;
    if (C.state.view !== 'ticket' || C.state.ticketId !== current.ticketId) return stop();
    var typing = Date.now() - current.typedAt < BEAT_MS * 1.5;
    current.sentTyping = typing;
    C.api('POST', path(current.ticketId), { state: typing ? 'typing' : 'viewing' })
      .then(function (r) {
        if (beating === current) paint(r.others);
      })
      .catch(function () {
        // A missed beat only delays what colleagues see.
      })
      .then(function () {
        if (beating === current) current.timer = setTimeout(beat, BEAT_MS);
      });
  }

  C.addTicketPart({
    build: function (ticket) {
      stop();
      var head = document.getElementById('t-head');
      head.parentNode.insertBefore(h('p', { id: 'presence', class: 'presence', role: 'status', hidden: true }), head.nextSibling);
      beating = { ticketId: ticket.id, timer: null, typedAt: 0, sentTyping: false };
      var mine = beating;
      document.getElementById('reply-text').addEventListener('input', function () {
        mine.typedAt = Date.now();
        // The first keystroke tells colleagues at once; the following ones ride on the beats.
        if (beating === mine && !mine.sentTyping) {
          clearTimeout(mine.timer);
          beat();
        }
      });
      beat();
    },
    fill: function () {},
  });
  window.addEventListener('hashchange', function () {
    if (beating && location.hash !== '#/tickets/' + encodeURIComponent(beating.ticketId)) stop();
  });
  window.addEventListener('pagehide', stop);
})(window.DeskConsole);
