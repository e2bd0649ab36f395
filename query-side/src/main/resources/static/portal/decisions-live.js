/*
 * kyodo: keeps the first page of the decision log live (ADR 21). New entries arrive from the public
 * stream /public/decisions/stream; for each, the page asks the server for itself again (same filters)
 * and adds at the top the entries it does not show yet, so that the cards, their links and the
 * filters stay the server's alone. Each added entry is announced in the page's aria-live region.
 * Without this script the page is complete and has a link that reloads it.
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
    var stale = false;
    try {
      var response = await fetch(window.location.pathname + window.location.search,
        { headers: { Accept: 'text/html' }, cache: 'no-store' });
      if (response.ok) {
        var fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        var freshAnnounce = fresh.getElementById('decisions-announce');
        // the page says how long the log was when it was read: shorter than the stream's last entry,
        // it was read too early (another node, a lagging reader); ask again shortly, a few times
        stale = freshAnnounce && Number(freshAnnounce.dataset.after) < wanted;
        merge(fresh);
      }
    } finally {
      loading = false;
      if (again) {
        again = false;
        refresh();
      } else if (stale && retries < 20) {
        retries++;
        setTimeout(refresh, 250);
      } else {
        retries = 0;
      }
    }
  }

  function merge(fresh) {
    var results = document.querySelector('section[aria-labelledby="results-heading"]');
    var freshResults = fresh.querySelector('section[aria-labelledby="results-heading"]');
    if (!results || !freshResults) {
      return;
    }
    var shown = shownSeqs();
    var added = Array.from(fresh.querySelectorAll('#decisions-cards > li[data-seq]'))
      .filter(function (li) { return !shown.has(li.dataset.seq); });
    if (added.length === 0) {
      return;
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
  }

  var source = new EventSource('/public/decisions/stream?after=' + encodeURIComponent(announce.dataset.after));
  source.addEventListener('decision', function (event) {
    wanted = Math.max(wanted, Number(event.lastEventId) || 0);
    retries = 0;
    refresh();
  });
}());
