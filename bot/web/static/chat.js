// The chat page: gets a Direct Line token from this server (or renews the one this tab already
// has, so a reload continues the conversation), renders the official Web Chat client, and sends
// a suggested question when its chip is pressed. A reload shows only the last activities (from
// the server's recentWatermark), read in one request; "show earlier messages" reads the older ones
// a page at a time.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var domain = location.origin + '/v3/directline';
  var storageKey = 'desk.chat';
  var status = document.getElementById('chat-status');
  var earlier = document.getElementById('chat-earlier');
  var EARLIER_PAGE = 50;
  // Activities of a reload drawn with Web Chat itself: about a screenful.
  var FIRST_DRAWN = 10;

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

  // Once the page has nothing else to do: Web Chat draws its bubbles in a second pass, after its
  // first paint, and that pass must not wait behind ours.
  function whenIdle(fn) {
    if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 2000 });
    else setTimeout(fn, 200);
  }

  // Activities above those on screen, a screenful at a time from the nearest, each when the page
  // is idle: it answers in between (drawing 50 bubbles at once takes seconds on a busy phone).
  function drawEarlier(store, activities) {
    if (!activities.length) return;
    whenIdle(function () {
      store.add(activities.slice(-FIRST_DRAWN));
      drawEarlier(store, activities.slice(0, -FIRST_DRAWN));
    });
  }

  // Direct Line's GET activities: what the conversation holds after `watermark`, and the new watermark.
  function activitiesSince(conversationId, token, watermark) {
    return fetch(domain + '/conversations/' + encodeURIComponent(conversationId) + '/activities?watermark=' + watermark, {
      headers: { Authorization: 'Bearer ' + token },
    }).then(function (res) {
      if (!res.ok) throw new Error('activities answered ' + res.status);
      return res.json();
    });
  }

  // Web Chat's store, as Web Chat is given it, with `add`: activities added as if they had just
  // arrived (Web Chat orders them by timestamp). Web Chat redraws its whole transcript at every
  // change of the store and has no action adding several activities, so the page's subscribers
  // hear of an `add` once, at its end: one redraw, not one per activity.
  function historyStore(store) {
    var listeners = new Set();
    var holding = false;
    var notify = function () {
      Array.from(listeners).forEach(function (listener) {
        listener();
      });
    };
    store.subscribe(function () {
      if (!holding) notify();
    });
    return {
      dispatch: store.dispatch,
      getState: store.getState,
      replaceReducer: store.replaceReducer,
      subscribe: function (listener) {
        listeners.add(listener);
        return function () {
          listeners.delete(listener);
        };
      },
      add: function (activities) {
        holding = true;
        try {
          activities.forEach(function (activity) {
            store.dispatch({ type: 'DIRECT_LINE/INCOMING_ACTIVITY', payload: { activity: activity } });
          });
        } finally {
          holding = false;
        }
        if (activities.length) notify();
      },
    };
  }

  // A resumed tab's recent history, in one response, handed to Web Chat directly: replayed through
  // Direct Line, each activity would redraw the whole transcript (8 s for 50 on a busy machine).
  // If it cannot be read, the stream replays it.
  function recentHistory(s) {
    if (!s.resumed) return Promise.resolve({ activities: [], watermark: undefined });
    return activitiesSince(s.conversationId, s.token, s.from).catch(function () {
      return { activities: [], watermark: String(s.from) };
    });
  }

  // The bot's last message keeps its buttons, as a replay through Direct Line would show them.
  function lastSuggestions(activities) {
    var messages = activities.filter(function (a) {
      return a.type === 'message';
    });
    var last = messages[messages.length - 1];
    return last && last.from && last.from.role === 'bot' && last.suggestedActions ? last.suggestedActions.actions || [] : [];
  }

  // Older history on demand: the page before `s.from`.
  function showEarlier(store, directLine, s) {
    earlier.hidden = !s.from;
    earlier.addEventListener('click', function () {
      var start = Math.max(0, s.from - EARLIER_PAGE);
      earlier.disabled = true;
      activitiesSince(s.conversationId, directLine.token, start)
        .then(function (set) {
          store.add(set.activities.slice(0, s.from - start));
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

  // The chips are on the page before Web Chat is connected, and Web Chat drops a message sent
  // while it connects (it sends only while connected): a chip pressed early is sent once it is.
  var sendQuestion = null;
  var pressedEarly = [];
  document.querySelectorAll('.chip').forEach(function (chip) {
    chip.addEventListener('click', function () {
      var text = chip.getAttribute('data-question');
      if (sendQuestion) sendQuestion(text);
      else pressedEarly.push(text);
    });
  });
  function sendChipsOnceConnected(api) {
    return function (next) {
      return function (action) {
        var result = next(action);
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !sendQuestion) {
          // After this dispatch has run its course, so that Web Chat's sending has started.
          setTimeout(function () {
            sendQuestion = function (text) {
              api.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text } });
            };
            pressedEarly.splice(0).forEach(sendQuestion);
          });
        }
        return result;
      };
    };
  }

  session()
    .then(function (s) {
      return recentHistory(s).then(function (recent) {
        return { s: s, recent: recent };
      });
    })
    .then(function (started) {
      var s = started.s;
      var recent = started.recent;
      remember(s.token, s.conversationId);
      var directLine = window.WebChat.createDirectLine({
        domain: domain,
        token: s.token,
        conversationId: s.resumed ? s.conversationId : undefined,
        // directlinejs sends '' for none; a resumed tab's stream starts after the history it was given.
        watermark: recent.watermark,
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

      // The last screenful is in the store before Web Chat is first drawn; the rest of the recent
      // history follows once that is on screen.
      var store = historyStore(window.WebChat.createStore({}, sendChipsOnceConnected));
      var firstDrawn = recent.activities.length - FIRST_DRAWN;
      store.add(recent.activities.slice(Math.max(0, firstDrawn)));
      var suggestions = lastSuggestions(recent.activities);
      if (suggestions.length) store.dispatch({ type: 'WEB_CHAT/SET_SUGGESTED_ACTIONS', payload: { suggestedActions: suggestions } });
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

      drawEarlier(store, recent.activities.slice(0, Math.max(0, firstDrawn)));
      showEarlier(store, directLine, s);
    })
    .catch(function () {
      showStatus(config.texts.failed);
    });
})();
