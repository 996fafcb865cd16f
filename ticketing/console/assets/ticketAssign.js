// A supervisor hands the ticket to another agent (or back to its queue) from the ticket page.
// The service decides who may take it (skills, the supervisor rule); its refusal is shown here.
(function (C) {
  'use strict';
  var h = C.h;
  var say = C.say;
  C.addPolish({
    Reassign: 'Przekaż',
    'Reassign the ticket': 'Przekazanie zgłoszenia',
    'Agent (id)': 'Konsultant (id)',
    'Back to the queue': 'Z powrotem do kolejki',
    'Assigned to {agent}': 'Przypisano do: {agent}',
    'Back in its queue': 'Wróciło do kolejki',
    'Name the agent first.': 'Najpierw podaj konsultanta.',
  });

  C.addTicketPart({
    build: function (ticket) {
      if (!C.state.me || C.state.me.role !== 'supervisor') return;
      var agent = h('input', { id: 'assign-agent', type: 'text', maxlength: '100', autocomplete: 'off' });
      var error = h('p', { class: 'error', role: 'alert' });
      var path = '/api/tickets/' + encodeURIComponent(ticket.id) + '/assign';
      var done = function (agentId) {
        return function (t) {
          agent.value = '';
          C.announce(agentId ? say('Assigned to {agent}', { agent: agentId }) : say('Back in its queue'));
          return C.showTicket(t.id, false);
        };
      };
      var fail = function (err) {
        error.textContent = err.message;
      };
      var form = h(
        'form',
        {
          class: 'card',
          id: 'assign-form',
          'aria-labelledby': 'assign-title',
          onsubmit: function (e) {
            e.preventDefault();
            error.textContent = '';
            var id = agent.value.trim();
            if (!id) {
              error.textContent = say('Name the agent first.');
              return agent.focus();
            }
            C.api('POST', path, { agentId: id }).then(done(id)).catch(fail);
          },
        },
        h('h3', { id: 'assign-title', text: say('Reassign the ticket') }),
        h('label', { for: 'assign-agent', text: say('Agent (id)') }),
        agent,
        error,
        h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'submit', id: 'reassign', text: say('Reassign') }),
          h('button', {
            type: 'button',
            id: 'unassign',
            text: say('Back to the queue'),
            onclick: function () {
              error.textContent = '';
              C.api('POST', path, { agentId: null }).then(done(null)).catch(fail);
            },
          }),
        ),
      );
      var grade = document.getElementById('grade-form');
      grade.parentNode.insertBefore(form, grade);
    },
    // Only an open ticket is handed on.
    fill: function (ticket) {
      var form = document.getElementById('assign-form');
      if (form) form.hidden = ticket.status === 'resolved' || ticket.status === 'closed';
      var unassign = document.getElementById('unassign');
      if (unassign) unassign.hidden = !ticket.assignee;
    },
  });
})(window.DeskConsole);
