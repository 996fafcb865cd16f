// The chat page: gets a Direct Line token from this server (or renews the one this tab already
// has, so a reload continues the conversation), renders the official Web Chat client, and sends
// a suggested question when its chip is pressed. A reload replays only the last activities
// (from the server's recentWatermark); "show earlier messages" reads the older ones a page at a time.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var domain = location.origin + '/v3/directline';
  var storageKey = 'desk.chat';
  var status = document.getElementById('chat-status');
  var earlier = document.getElementById('chat-earlier');
  var EARLIER_PAGE = 50;

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
        return { token: t.token, conversationId: t.conversationId, resumed: true, from: Number(t.recentWatermark) || 0 };
      })
      .catch(fresh);
  }

  // Older history on demand: the page before `s.from`, added to Web Chat as if it had just arrived
  // (Web Chat orders activities by their timestamps).
  function showEarlier(store, directLine, s) {
    earlier.hidden = !s.from;
    earlier.addEventListener('click', function () {
      var start = Math.max(0, s.from - EARLIER_PAGE);
      earlier.disabled = true;
      fetch(domain + '/conversations/' + encodeURIComponent(s.conversationId) + '/activities?watermark=' + start, {
        headers: { Authorization: 'Bearer ' + directLine.token },
      })
        .then(function (res) {
          if (!res.ok) throw new Error('activities answered ' + res.status);
          return res.json();
        })
        .then(function (set) {
          set.activities.slice(0, s.from - start).forEach(function (activity) {
            store.dispatch({ type: 'DIRECT_LINE/INCOMING_ACTIVITY', payload: { activity: activity } });
          });
          s.from = start;
          earlier.hidden = !s.from;
        })
        .catch(function () {
          showStatus(config.texts.failed);
        })
        .then(function () {
          earlier.disabled = false;
        });
    });
  }

  session()
    .then(function (s) {
      remember(s.token, s.conversationId);
      var directLine = window.WebChat.createDirectLine({
        domain: domain,
        token: s.token,
        conversationId: s.resumed ? s.conversationId : undefined,
        // directlinejs sends '' for none; a resumed tab starts at the recent history.
        watermark: s.from ? String(s.from) : undefined,
        webSocket: true,
        conversationStartProperties: { locale: config.webChatLocale },
      });
      // Resuming replaces the token (the one saved is revoked): keep the newest for the next reload.
      var keepToken = function () {
        if (directLine.token) remember(directLine.token, s.conversationId);
      };
      window.addEventListener('pagehide', keepToken);
      directLine.connectionStatus$.subscribe(function (state) {
        if (state === 2) {
          showStatus('');
          keepToken();
        } else if (state === 3 || state === 4) {
          sessionStorage.removeItem(storageKey);
          showStatus(config.texts.failed);
        }
      });
      // directlinejs renews the token every 15 minutes; keep the latest for the next reload.
      setInterval(keepToken, 60 * 1000);

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

      showEarlier(store, directLine, s);

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
