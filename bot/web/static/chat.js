// The chat page: gets a Direct Line token from this server (or renews the one this tab already
// has, so a reload continues the conversation), renders the official Web Chat client, and sends
// a suggested question when its chip is pressed.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var domain = location.origin + '/v3/directline';
  var storageKey = 'desk.chat';
  var status = document.getElementById('chat-status');

  function showStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function post(path, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(domain + path, { method: 'POST', headers: headers }).then(function (res) {
      if (!res.ok) throw new Error(path + ' answered ' + res.status);
      return res.json();
    });
  }

  function remember(token, conversationId) {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ token: token, conversationId: conversationId }));
    } catch (e) {
      /* private mode: the conversation just will not survive a reload */
    }
  }

  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch (e) {
      return null;
    }
  }

  // A renewed token continues this tab's conversation; without one (or once it has expired) a new one starts.
  function session() {
    var previous = saved();
    var fresh = function () {
      return post('/tokens/generate').then(function (t) {
        return { token: t.token, conversationId: t.conversationId, resumed: false };
      });
    };
    if (!previous || !previous.token) return fresh();
    return post('/tokens/refresh', previous.token)
      .then(function (t) {
        return { token: t.token, conversationId: t.conversationId, resumed: true };
      })
      .catch(fresh);
  }

  session()
    .then(function (s) {
      remember(s.token, s.conversationId);
      var directLine = window.WebChat.createDirectLine({
        domain: domain,
        token: s.token,
        conversationId: s.resumed ? s.conversationId : undefined,
        webSocket: true,
        conversationStartProperties: { locale: config.webChatLocale },
      });
      directLine.connectionStatus$.subscribe(function (state) {
        if (state === 2) showStatus('');
        else if (state === 3 || state === 4) {
          sessionStorage.removeItem(storageKey);
          showStatus(config.texts.failed);
        }
      });
      // directlinejs renews the token every 15 minutes; keep the latest for the next reload.
      setInterval(function () {
        if (directLine.token) remember(directLine.token, s.conversationId);
      }, 60 * 1000);

      var store = window.WebChat.createStore();
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          locale: config.webChatLocale,
          styleOptions: {
            accent: '#0b5cad',
            bubbleBorderRadius: 12,
            bubbleFromUserBorderRadius: 12,
            bubbleFromUserBackground: '#0b5cad',
            bubbleFromUserTextColor: '#ffffff',
            botAvatarInitials: 'SD',
            hideUploadButton: false,
            // The thumbnail is drawn in a blob: worker, which the page's CSP rightly refuses.
            enableUploadThumbnail: false,
            suggestedActionLayout: 'flow',
            rootHeight: '100%',
          },
        },
        document.getElementById('webchat'),
      );

      document.querySelectorAll('.chip').forEach(function (chip) {
        chip.addEventListener('click', function () {
          store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: chip.getAttribute('data-question') } });
        });
      });
    })
    .catch(function () {
      showStatus(config.texts.failed);
    });
})();
