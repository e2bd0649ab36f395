/*
 * kyodo: keeps the first page of the decision log live (ADR 21). New entries arrive from the public
 * stream /public/decisions/stream; for each, the page asks the server for itself again (same filters)
 * and adds at the top the entries it does not show yet, so that the cards, their links and the
 * filters stay the server's alone. Each added entry is announced in the page's aria-live region.
 * Without this script the page is complete and has a link that reloads it.
 * The log and the subjects' read models are projected apart: a page read before an entry's subject
 * has its title (a card marked data-untitled) or before the entry itself is visible is read again,
 * less and less often, for about half a minute; only then is the entry shown without its title.
 */
(function () {
  'use strict';

  var announce = document.getElementById('decisions-announce');
  if (!announce || typeof EventSource === 'undefined') {
    return;
  }
  var loading = false;
  var again = false;
  /** The highest seq announced by the stream: a page read before it was visible is read again. */
  var wanted = 0;
  var retries = 0;
  /** Reads again after 0.25, 0.5, 1, 2, 2 … s: about 36 s in all, then shows what the server has. */
  var MAX_RETRIES = 20;

  function shownSeqs() {
    return new Set(Array.from(document.querySelectorAll('#decisions-cards > li[data-seq]'),
      function (li) { return li.dataset.seq; }));
  }

  async function refresh() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    var early = false;
    try {
      var response = await fetch(window.location.pathname + window.location.search,
        { headers: { Accept: 'text/html' }, cache: 'no-store' });
      if (response.ok) {
        var fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        var freshAnnounce = fresh.getElementById('decisions-announce');
        // the page says how long the log was when it was read: shorter than the stream's last entry,
        // it was read too early (another node, a lagging reader)
        var waited = !merge(fresh, retries >= MAX_RETRIES);
        early = waited || (freshAnnounce && Number(freshAnnounce.dataset.after) < wanted);
      }
    } finally {
      loading = false;
      if (again) {
        again = false;
        refresh();
      } else if (early && retries < MAX_RETRIES) {
        setTimeout(refresh, Math.min(250 * Math.pow(2, retries), 2000));
        retries++;
      } else {
        retries = 0;
      }
    }
  }

  /**
   * Adds the fresh page's new entries at the top, unless one of them still waits for its title (and
   * not anyway); answers false when it waited. A shown card without its title takes the
   * fresh page's once that has it.
   */
  function merge(fresh, anyway) {
    var results = document.querySelector('section[aria-labelledby="results-heading"]');
    var freshResults = fresh.querySelector('section[aria-labelledby="results-heading"]');
    if (!results || !freshResults) {
      return true;
    }
    var shown = shownSeqs();
    var freshCards = Array.from(fresh.querySelectorAll('#decisions-cards > li[data-seq]'));
    var added = freshCards.filter(function (li) { return !shown.has(li.dataset.seq); });
    if (!anyway && added.some(function (li) { return li.hasAttribute('data-untitled'); })) {
      return false;
    }
    freshCards.filter(function (li) { return shown.has(li.dataset.seq) && !li.hasAttribute('data-untitled'); })
      .forEach(function (li) {
        var old = document.querySelector('#decisions-cards > li[data-untitled][data-seq="' + li.dataset.seq + '"]');
        if (old) {
          old.replaceWith(document.importNode(li, true));
        }
      });
    if (added.length === 0) {
      return true;
    }
    var list = document.getElementById('decisions-cards');
    if (!list) {
      // the page showed no entry: take the server's whole list
      results.replaceWith(document.importNode(freshResults, true));
    } else {
      document.getElementById('results-heading').textContent =
        fresh.getElementById('results-heading').textContent;
      var first = list.firstElementChild;
      added.forEach(function (li) { list.insertBefore(document.importNode(li, true), first); });
    }
    added.forEach(function (li) {
      var title = li.querySelector('.card-title');
      var line = document.createElement('span');
      line.textContent = announce.dataset.template.replace('{0}', title ? title.textContent.replace(/\s+/g, ' ').trim() : '');
      announce.appendChild(line);
    });
    return true;
  }

  var source = new EventSource('/public/decisions/stream?after=' + encodeURIComponent(announce.dataset.after));
  source.addEventListener('decision', function (event) {
    wanted = Math.max(wanted, Number(event.lastEventId) || 0);
    retries = 0;
    refresh();
  });
}());
