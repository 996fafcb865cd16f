// Saved replies: on the ticket page a picker inserts one, its placeholders filled for the ticket by
// the server, into the reply box; #/saved-replies lists them, and supervisors create, change and
// delete them there.
(function (C) {
  'use strict';
  var h = C.h;
  var say = C.say;
  var PLACEHOLDERS = '{{customer}}, {{organisation}}, {{ticket}}, {{title}}, {{deadline}}, {{agent}}';
  C.addPolish({
    'Saved replies': 'Gotowe odpowiedzi',
    'Saved reply': 'Gotowa odpowiedź',
    'Choose a saved reply': 'Wybierz gotową odpowiedź',
    Insert: 'Wstaw',
    'New saved reply': 'Nowa gotowa odpowiedź',
    'Change the saved reply': 'Zmiana gotowej odpowiedzi',
    Save: 'Zapisz',
    Edit: 'Edytuj',
    Delete: 'Usuń',
    'Delete "{title}"?': 'Usunąć „{title}”?',
    'Yes, delete': 'Tak, usuń',
    Text: 'Treść',
    'Placeholders: {list}': 'Zmienne: {list}',
    'No saved replies yet.': 'Nie ma jeszcze gotowych odpowiedzi.',
    'Only supervisors change saved replies.': 'Gotowe odpowiedzi zmieniają tylko kierownicy.',
    'Saved reply kept': 'Zapisano gotową odpowiedź',
    'Saved reply deleted': 'Usunięto gotową odpowiedź',
    'Changed by': 'Zmienione przez',
    Polish: 'polski',
    English: 'angielski',
  });
  var LANGUAGES = [
    ['pl', 'Polish'],
    ['en', 'English'],
  ];
  function isSupervisor() {
    return C.state.me && C.state.me.role === 'supervisor';
  }

  // ---- on the ticket page ----
  C.addTicketPart({
    build: function (ticket) {
      var replyText = document.getElementById('reply-text');
      var picker = h('select', { id: 'saved-reply' }, h('option', { value: '', text: say('Choose a saved reply') }));
      var texts = {};
      var row = h(
        'div',
        { class: 'saved-picker' },
        h('label', { for: 'saved-reply', text: say('Saved reply') }),
        picker,
        h('button', {
          type: 'button',
          id: 'insert-saved-reply',
          text: say('Insert'),
          onclick: function () {
            var text = texts[picker.value];
            if (!text) return picker.focus();
            var at = replyText.selectionStart || 0;
            var before = replyText.value.slice(0, at);
            replyText.value = before + text + replyText.value.slice(replyText.selectionEnd || at);
            replyText.focus();
            replyText.selectionStart = replyText.selectionEnd = before.length + text.length;
            replyText.dispatchEvent(new Event('input'));
          },
        }),
      );
      replyText.parentNode.insertBefore(row, replyText.previousSibling);
      C.api('GET', '/api/tickets/' + encodeURIComponent(ticket.id) + '/saved-replies')
        .then(function (r) {
          // The agent's language first.
          var mine = C.lang();
          r.items
            .slice()
            .sort(function (a, b) {
              return (b.locale === mine) - (a.locale === mine);
            })
            .forEach(function (reply) {
              texts[reply.id] = reply.text;
              picker.appendChild(h('option', { value: reply.id, text: reply.title + ' (' + reply.locale + ')' }));
            });
        })
        .catch(function () {
          row.hidden = true;
        });
    },
    fill: function () {},
  });

  // ---- the list, and the supervisors' form ----
  function show(moveFocus) {
    var error = h('p', { class: 'error', role: 'alert', id: 'saved-error' });
    var list = h('div', { id: 'saved-list' });
    var form = isSupervisor() ? editor(null, error) : h('p', { class: 'help', text: say('Only supervisors change saved replies.') });
    C.replace(C.main, [h('h2', { id: 'view-title', tabindex: '-1', text: say('Saved replies') }), form, error, list]);
    if (moveFocus) document.getElementById('view-title').focus();
    return fillList(list, error);
  }

  function editor(reply, error) {
    var title = h('input', { id: 'saved-title', type: 'text', maxlength: '120', required: true, value: reply ? reply.title : '' });
    var language = h(
      'select',
      { id: 'saved-locale' },
      LANGUAGES.map(function (l) {
        return h('option', { value: l[0], text: say(l[1]), selected: reply ? reply.locale === l[0] : C.lang() === l[0] });
      }),
    );
    var text = h('textarea', { id: 'saved-text', rows: '5', maxlength: '4000', required: true, 'aria-describedby': 'saved-help' });
    text.value = reply ? reply.text : '';
    return h(
      'form',
      {
        class: 'card',
        id: 'saved-form',
        'aria-labelledby': 'saved-form-title',
        onsubmit: function (e) {
          e.preventDefault();
          error.textContent = '';
          var body = { title: title.value, text: text.value, locale: language.value };
          var call = reply
            ? C.api('PUT', '/api/saved-replies/' + encodeURIComponent(reply.id), body)
            : C.api('POST', '/api/saved-replies', body);
          call
            .then(function () {
              C.announce(say('Saved reply kept'));
              show(false);
            })
            .catch(function (err) {
              error.textContent = err.message;
            });
        },
      },
      h('h3', { id: 'saved-form-title', text: say(reply ? 'Change the saved reply' : 'New saved reply') }),
      h('label', { for: 'saved-title', text: say('Title') }),
      title,
      h('label', { for: 'saved-locale', text: say('Language') }),
      language,
      h('label', { for: 'saved-text', text: say('Text') }),
      text,
      h('p', { class: 'help', id: 'saved-help', text: say('Placeholders: {list}', { list: PLACEHOLDERS }) }),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'save-reply', text: say('Save') })),
    );
  }

  function fillList(list, error) {
    return C.api('GET', '/api/saved-replies')
      .then(function (r) {
        if (!r.items.length) return C.replace(list, h('p', { class: 'empty', text: say('No saved replies yet.') }));
        C.replace(
          list,
          h(
            'ul',
            { class: 'saved-replies' },
            r.items.map(function (reply) {
              var confirmBox = h('div');
              return h(
                'li',
                { class: 'card', 'data-saved-reply': reply.id },
                h('h3', { text: reply.title + ' (' + reply.locale + ')' }),
                h('p', { class: 'text', text: reply.text }),
                h('p', { class: 'meta', text: say('Changed by') + ' ' + reply.updatedBy + ' · ' + C.when(reply.updatedAt) }),
                isSupervisor()
                  ? h(
                      'div',
                      { class: 'buttons' },
                      h('button', {
                        type: 'button',
                        text: say('Edit'),
                        'aria-label': say('Edit') + ' ' + reply.title,
                        onclick: function () {
                          var form = document.getElementById('saved-form');
                          form.parentNode.replaceChild(editor(reply, error), form);
                          document.getElementById('saved-title').focus();
                        },
                      }),
                      h('button', {
                        type: 'button',
                        text: say('Delete'),
                        'aria-label': say('Delete') + ' ' + reply.title,
                        onclick: function () {
                          C.replace(
                            confirmBox,
                            h(
                              'p',
                              { class: 'confirm' },
                              say('Delete "{title}"?', { title: reply.title }) + ' ',
                              h('button', {
                                type: 'button',
                                class: 'primary',
                                text: say('Yes, delete'),
                                onclick: function () {
                                  C.api('DELETE', '/api/saved-replies/' + encodeURIComponent(reply.id))
                                    .then(function () {
                                      C.announce(say('Saved reply deleted'));
                                      show(false);
                                    })
                                    .catch(function (err) {
                                      error.textContent = err.message;
                                    });
                                },
                              }),
                            ),
                          );
                        },
                      }),
                    )
                  : null,
                confirmBox,
              );
            }),
          ),
        );
      })
      .catch(function (err) {
        error.textContent = err.message;
      });
  }

  // A live ticket change does not touch this page: it is rebuilt only when asked.
  C.addView('saved-replies', /^#\/saved-replies$/, function (moveFocus) {
    if (moveFocus || !document.getElementById('saved-list')) show(moveFocus);
  });
})(window.DeskConsole);
