/*
 * kyodo: verifies one decision-log entry in the visitor's own browser, from published data only
 * (ADR 10, ADR 21). Recomputes the entry's hash as the server does (CanonicalJson, DecisionLogEntry:
 * hash = hex(SHA-256(bytes(prevHash) || RFC 8785 canonical JSON of the entry without prevHash and
 * hash))), compares its prevHash with the entry before, checks the latest signed checkpoint's
 * Ed25519 signature with the published key (WebCrypto), and checks the entry's RFC 6962 inclusion
 * proof against that checkpoint's root (RFC 9162 §2.1.3.2). Each step says what it found.
 *
 * kyodoVerify.run(seq, source) runs the check; source reads the data (httpSource() reads the public
 * JSON API), so that a test can hand the same check a tampered entry and see it fail.
 */
(function () {
  'use strict';

  var ZERO_HASH = '0'.repeat(64);
  var encoder = new TextEncoder();

  function hex(bytes) {
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function unhex(text) {
    if (typeof text !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(text)) {
      throw new Error('not lower-case hex: ' + text);
    }
    var bytes = new Uint8Array(text.length / 2);
    for (var i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(text.substr(i * 2, 2), 16);
    }
    return bytes;
  }

  function base64(text) {
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }

  async function sha256() {
    var parts = Array.from(arguments);
    var length = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var all = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) { all.set(p, at); at += p.length; });
    return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  }

  /*
   * Canonical JSON (RFC 8785) for the values the log holds: strings are written as ECMAScript's
   * JSON.stringify writes them (RFC 8785 §3.2.2.2 defines them so; CanonicalJson escapes alike),
   * member names sorted by UTF-16 code units (JavaScript's default sort), integers only.
   */
  function canonical(value) {
    if (value === null) {
      return 'null';
    }
    if (typeof value === 'string') {
      return JSON.stringify(value);
    }
    if (typeof value === 'boolean') {
      return String(value);
    }
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new Error('not an integer the log can hold: ' + value);
      }
      return String(value);
    }
    if (Array.isArray(value)) {
      return '[' + value.map(canonical).join(',') + ']';
    }
    if (typeof value === 'object') {
      return '{' + Object.keys(value).sort().map(function (name) {
        return JSON.stringify(name) + ':' + canonical(value[name]);
      }).join(',') + '}';
    }
    throw new Error('not canonicalisable: ' + typeof value);
  }

  /** The hash the entry's members and prevHash give, whatever its hash member says. */
  async function entryHash(entry) {
    var members = {};
    Object.keys(entry).forEach(function (name) {
      if (name !== 'prevHash' && name !== 'hash') {
        members[name] = entry[name];
      }
    });
    return hex(await sha256(unhex(entry.prevHash), encoder.encode(canonical(members))));
  }

  /** The root an inclusion path leads to from leaf index of a tree of size leaves (RFC 9162 §2.1.3.2); null if it cannot. */
  async function rootFromPath(index, size, leafHash, path) {
    if (index >= size) {
      return null;
    }
    var fn = index;
    var sn = size - 1;
    var r = leafHash;
    for (var i = 0; i < path.length; i++) {
      var p = unhex(path[i]);
      if (sn === 0) {
        return null;
      }
      if (fn % 2 === 1 || fn === sn) {
        r = await sha256(Uint8Array.of(1), p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = await sha256(Uint8Array.of(1), r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? hex(r) : null;
  }

  async function readJson(url, missingIsNull) {
    var response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (missingIsNull && response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status + ' ' + url);
    }
    return response.json();
  }

  /** The public JSON API as the check's source. */
  function httpSource() {
    return {
      /** The entry at seq and the one before it (null for the first). */
      entries: async function (seq) {
        var after = Math.max(0, seq - 2);
        var page = await readJson('/public/decisions?after=' + after + '&limit=' + (seq - after));
        var entry = page.items[page.items.length - 1];
        if (!entry || entry.seq !== seq) {
          throw new Error('no entry ' + seq);
        }
        return { entry: entry, previous: seq > 1 ? page.items[0] : null };
      },
      checkpoint: function () { return readJson('/public/audit/checkpoints/latest', true); },
      keys: function () { return readJson('/public/audit/keys'); },
      proof: function (seq, treeSize) {
        return readJson('/public/audit/proofs/inclusion?seq=' + seq + '&treeSize=' + treeSize);
      }
    };
  }

  var section = document.getElementById('verify');
  var texts = {};
  document.querySelectorAll('#verify-texts [data-key]').forEach(function (el) {
    texts[el.dataset.key] = el.textContent;
  });

  function say(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return (texts[key] || key).replace(/\{(\d)\}/g, function (all, n) { return String(args[Number(n)]); });
  }

  function mark(step, status, message) {
    var result = section.querySelector('[data-step="' + step + '"] .verify-result');
    result.className = 'verify-result verify-' + status;
    result.textContent = say(status) + say('sep') + message;
  }

  /** Checks the entry at seq; marks each step and answers 'ok', 'partial' (not yet in a checkpoint) or 'bad'. */
  async function run(seq, source) {
    var button = document.getElementById('verify-button');
    var summary = document.getElementById('verify-summary');
    section.querySelectorAll('.verify-result').forEach(function (el) {
      el.className = 'verify-result';
      el.textContent = '';
    });
    button.disabled = true;
    summary.className = 'verify-summary';
    summary.textContent = say('running');
    var progress = { step: 'read' };
    var outcome = await check(seq, source || httpSource(), progress).catch(function (e) {
      // a read that failed (or an answer that cannot be used) fails the step it was for
      mark(progress.step, 'bad', say(progress.step === 'read' ? 'readBad' : 'failed', e.message));
      return 'bad';
    });
    summary.className = 'verify-summary verify-' + (outcome === 'partial' ? 'skip' : outcome);
    summary.textContent = outcome === 'ok' ? say('summaryOk', seq)
      : outcome === 'partial' ? say('summaryPartial') : say('summaryBad');
    button.disabled = false;
    return outcome;
  }

  async function check(seq, source, progress) {
    var read = await source.entries(seq);
    var entry = read.entry;
    mark('read', 'ok', say('readOk', seq));
    var bad = false;
    var partial = false;

    var computed = await entryHash(entry).catch(function () { return '(' + entry.prevHash + ')'; });
    if (computed === entry.hash) {
      mark('hash', 'ok', say('hashOk', computed));
    } else {
      mark('hash', 'bad', say('hashBad', computed, entry.hash));
      bad = true;
    }
    var before = read.previous ? read.previous.hash : ZERO_HASH;
    if (entry.prevHash === before) {
      mark('link', 'ok', say('linkOk', before));
    } else {
      mark('link', 'bad', say('linkBad', entry.prevHash, before));
      bad = true;
    }

    progress.step = 'signature';
    var checkpoint = await source.checkpoint();
    if (!checkpoint) {
      mark('signature', 'skip', say('noCheckpoint'));
      mark('proof', 'skip', say('noCheckpoint'));
      return bad ? 'bad' : 'partial';
    }
    var signed = await checkSignature(checkpoint, source);
    bad = bad || signed === 'bad';
    partial = signed === 'skip';

    if (seq > checkpoint.treeSize) {
      mark('proof', 'skip', say('notYet', checkpoint.treeSize));
      return bad ? 'bad' : 'partial';
    }
    progress.step = 'proof';
    var proof = await source.proof(seq, checkpoint.treeSize);
    var leaf = await sha256(Uint8Array.of(0), unhex(entry.hash));
    var root = await rootFromPath(seq - 1, checkpoint.treeSize, leaf, proof.auditPath);
    if (root !== null && root === checkpoint.rootHash) {
      mark('proof', 'ok', say('proofOk', root));
    } else {
      mark('proof', 'bad', say('proofBad', root, checkpoint.rootHash));
      bad = true;
    }
    return bad ? 'bad' : partial ? 'partial' : 'ok';
  }

  /** The checkpoint's signature with its published key, whose id must be the first 16 bytes of its SHA-256. */
  async function checkSignature(checkpoint, source) {
    var keys = (await source.keys()).keys;
    var published = keys.find(function (k) { return k.keyId === checkpoint.keyId; });
    var spki = published ? base64(published.publicKey) : null;
    if (!published || hex((await sha256(spki)).slice(0, 16)) !== checkpoint.keyId) {
      mark('signature', 'bad', say('noKey', checkpoint.keyId));
      return 'bad';
    }
    var statement = 'kyodo-checkpoint\n' + checkpoint.treeSize + '\n' + checkpoint.rootHash + '\n'
      + checkpoint.issuedAt;
    var valid;
    try {
      var key = await crypto.subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
      valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, base64(checkpoint.signature),
        encoder.encode(statement));
    } catch (e) {
      if (e && e.name === 'NotSupportedError') {
        mark('signature', 'skip', say('unsupported', e.message));
        return 'skip';
      }
      valid = false;
    }
    if (valid) {
      mark('signature', 'ok', say('sigOk', checkpoint.treeSize, checkpoint.issuedAt, checkpoint.keyId));
      return 'ok';
    }
    mark('signature', 'bad', say('sigBad', checkpoint.treeSize, checkpoint.keyId));
    return 'bad';
  }

  window.kyodoVerify = Object.freeze({ run: run, httpSource: httpSource, canonical: canonical,
    entryHash: entryHash });

  if (section) {
    var button = document.getElementById('verify-button');
    button.hidden = false;
    button.addEventListener('click', function () { run(Number(section.dataset.seq)); });
  }
}());
