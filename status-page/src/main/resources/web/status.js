// Live updates for the public status page. The page reads fully without this script; with it, the page listens to
// /status/events (Server-Sent Events) and, on each "change", re-fetches itself and swaps the contents of its
// [data-live] sections in place (no reload; focus stays on the same bar or link when it still exists).
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var busy = false;
  var again = false;
  var swaps = 0;

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    var focused = document.activeElement && document.activeElement.id ? document.activeElement.id : null;
    document.querySelectorAll('[data-live]').forEach(function (el) {
      var next = fresh.getElementById(el.id);
      if (!next) {
        return;
      }
      el.className = next.className;
      var nodes = Array.prototype.map.call(next.childNodes, function (n) {
        return document.importNode(n, true);
      });
      el.replaceChildren.apply(el, nodes);
    });
    if (focused) {
      var target = document.getElementById(focused);
      if (target && target !== document.activeElement) {
        target.focus();
      }
    }
    swaps += 1;
    document.documentElement.setAttribute('data-live-swaps', String(swaps));
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.href, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.text();
      })
      .then(swap)
      .catch(function () {
        // keep what is shown; the next change event tries again
      })
      .finally(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource('/status/events');
  source.addEventListener('open', function () {
    document.documentElement.setAttribute('data-live', 'open');
  });
  source.addEventListener('change', function (event) {
    document.documentElement.setAttribute('data-live-version', event.lastEventId);
    refresh();
  });
})();
