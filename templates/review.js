/* The review page: a peer committee decides on each clause of a review pack in the
 * browser and saves decisions.yaml for `hrpolicy build --decisions`. One file, no network.
 *
 * Data: the JSON in <script id="pack"> (see `hrpolicy review`). Everything shown is built
 * with textContent and DOM calls; only the *_html fields (made and escaped by hrpolicy
 * from Markdown) are inserted as HTML.
 *
 * UI strings come from pack.strings by key, falling back to EN below. Keys used:
 *   subtitle skip intro keys_title keys_hint key_j key_k key_a key_m key_r key_n key_u
 *   save open print save_hint unsaved saved_at close
 *   committee committee_hint member_name member_lived member_remove member_remove_named
 *   member_add meetings meeting_date meeting_remove meeting_add committee_summary
 *   no_members paper_members paper_meetings paper_lived
 *   progress progress_stale filter filter_all filter_todo filter_changed filter_empty
 *   chapter clause_id country_clause
 *   status_pending status_accepted status_amended status_removed status_stale
 *   accept amend remove undo decision_group note note_hint
 *   amend_label amend_save amend_cancel amend_empty amend_same remove_needs_note
 *   committee_text original_text rationale sources selected selected_always
 *   selected_when selected_answers selected_variant alternatives alt_when alt_otherwise
 *   stale_title diff_help earlier_note earlier_note_nodate paper_decision paper_note
 *   restored restored_unsaved forget forget_confirm no_storage
 *   opened opened_stale opened_unknown open_confirm open_error open_failed
 *   saved save_blocked bad_date
 *   yaml_tab yaml_indent yaml_key yaml_quote yaml_flow yaml_block yaml_escape yaml_after
 *   yaml_unsupported yaml_duplicate yaml_map yaml_list yaml_text yaml_bool yaml_number
 *   unknown_field unknown_decision amended_no_text removed_no_note not_a_date twice
 *   schema_newer no_id
 */
(function () {
  'use strict';

  const EN = {
    subtitle: '{library} · made on {generated}',
    skip: 'Skip to the clauses',
    intro: 'Read each clause and decide: accept it as written, amend it (write your own wording) or remove it (say why). This browser keeps your work while you go. When you are done, or want to stop, press “Save decisions”: it downloads decisions.yaml for the person who builds the handbook.',
    keys_title: 'Keyboard shortcuts',
    keys_hint: 'They work when you are not typing in a box. Tab moves between buttons and boxes.',
    key_j: 'next clause', key_k: 'previous clause', key_a: 'accept', key_m: 'amend',
    key_r: 'remove', key_n: 'write a note', key_u: 'undo the decision',
    save: 'Save decisions', open: 'Open decisions…', print: 'Print for a meeting',
    save_hint: 'Save downloads decisions.yaml. Open loads one back, from this page or from the terminal.',
    unsaved: 'Not saved to a file yet', saved_at: 'Saved at {time}',
    close: 'Close',
    committee: 'The committee',
    committee_hint: 'Who reviewed the handbook: a name or a role. Tick the box if the person has lived or living experience of drug use.',
    member_name: 'Name or role', member_lived: 'Lived or living experience',
    member_remove: 'Remove', member_remove_named: 'Remove member {name}', member_add: 'Add a member',
    meetings: 'Meeting dates', meeting_date: 'Meeting date', meeting_remove: 'Remove date {date}',
    meeting_add: 'Add a meeting date',
    committee_summary: '{members} members, {lived} of them with lived or living experience.',
    no_members: 'No members yet.',
    paper_members: 'Members:', paper_meetings: 'Meeting dates:', paper_lived: 'lived or living experience',
    progress: '{done} of {total} decided', progress_stale: '{count} to look at again',
    filter: 'Show', filter_all: 'All clauses ({count})', filter_todo: 'Still to decide ({count})',
    filter_changed: 'Amended, removed or changed ({count})', filter_empty: 'No clause to show here.',
    chapter: '{number}. {title}', clause_id: 'Clause {id}', country_clause: 'from the {country} country profile',
    status_pending: 'Not decided', status_accepted: 'Accepted', status_amended: 'Amended',
    status_removed: 'Removed', status_stale: 'Changed: decide again',
    accept: 'Accept', amend: 'Amend', remove: 'Remove', undo: 'Undo decision',
    decision_group: 'Decision on {number}',
    note: 'Note', note_hint: '(needed when you remove the clause: say why)',
    amend_label: 'Your wording (it replaces the text above)', amend_save: 'Save wording',
    amend_cancel: 'Cancel', amend_empty: 'Write the wording, or press Cancel.',
    amend_same: 'This is the same as the original text. Press Accept instead, or change the words.',
    remove_needs_note: 'Write in the note why the committee removes this clause, then press Remove again.',
    committee_text: 'The committee’s wording', original_text: 'The original wording',
    rationale: 'Why this rule exists', sources: 'Sources', selected: 'Why it was selected',
    selected_always: 'It applies to every organisation.', selected_when: 'It applies when: {condition}',
    selected_answers: 'Your answers:', selected_variant: 'The wording used is the variant “{variant}”.',
    alternatives: 'Other wording it replaced ({count})', alt_when: 'Used when: {when}', alt_otherwise: 'Used otherwise',
    stale_title: 'The text changed since the committee decided on it',
    diff_help: 'Words taken out are struck through; new words are underlined.',
    earlier_note: 'Earlier decision: {decision} on {date}; the text changed since.',
    earlier_note_nodate: 'Earlier decision: {decision}; the text changed since.',
    paper_decision: 'Decision:', paper_note: 'Note:',
    restored: 'Your decisions from {time} were restored from this browser.',
    restored_unsaved: 'They are not saved to a file yet.',
    forget: 'Start again from the pack',
    forget_confirm: 'Forget the decisions made in this browser and start again from the pack?',
    no_storage: 'This browser cannot keep your work if the page is closed or reloaded. Press “Save decisions” before you close it.',
    opened: 'Opened {file}: {decided} decided, {pending} still to decide.',
    opened_stale: '{count} reopened because the text changed since.',
    opened_unknown: '{count} about clauses not in this pack (kept in the file).',
    open_confirm: 'Replace the decisions on this page with those in {file}?',
    open_error: 'Cannot read {file}, line {line}: {message}', open_failed: 'Cannot read {file}.',
    saved: 'Saved decisions.yaml to your downloads at {time}.',
    save_blocked: 'Not saved: {number} {title} is removed but the note does not say why.',
    bad_date: 'Not saved: “{date}” is not a date. Write it as YYYY-MM-DD.',
    yaml_tab: 'a tab is used to indent; use spaces', yaml_indent: 'the indentation does not fit the lines above',
    yaml_key: 'expected “name: value”', yaml_quote: 'a quoted text is not closed',
    yaml_flow: 'a [list] or {map} is not closed', yaml_block: 'the | or > line is not understood',
    yaml_escape: 'unknown escape {escape}', yaml_after: 'unexpected text after the closing quote',
    yaml_unsupported: 'anchors, aliases and tags (& * !) are not supported here',
    yaml_duplicate: '“{key}” appears twice', yaml_map: '“{key}” should hold “name: value” lines',
    yaml_list: '“{key}” should be a list', yaml_text: '“{key}” should be a text',
    yaml_bool: '“{key}” should be true or false', yaml_number: '“{key}” should be a number',
    unknown_field: 'unknown field “{key}”',
    unknown_decision: 'unknown decision “{value}”: use pending, accepted, amended or removed',
    amended_no_text: 'clause {id} is amended but has no text',
    removed_no_note: 'clause {id} is removed but no note says why',
    not_a_date: '“{value}” is not a date: write YYYY-MM-DD', twice: 'clause {id} is listed twice',
    schema_newer: 'schema {schema} is newer than this page understands (1)', no_id: 'a clause has no id',
  };

  const fmt = (s, v) => String(s).replace(/\{(\w+)\}/g, (m, k) => (v && v[k] != null ? String(v[k]) : m));
  const words = (s) => String(s || '').split(/\s+/).filter(Boolean);
  const validDate = (s) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s);

  // ------------------------------------------------------------------ word diff
  /** Word-level diff of two texts: [['=', text] | ['-', text] | ['+', text]], runs merged.
   *  Each word keeps the white space after it, so line breaks survive. */
  function wordDiff(a, b) {
    const tok = (s) => String(s || '').match(/\S+\s*/g) || [];
    const A = tok(a), B = tok(b), key = (t) => t.trimEnd();
    let p = 0, ea = A.length, eb = B.length;
    while (p < ea && p < eb && key(A[p]) === key(B[p])) p++;
    while (ea > p && eb > p && key(A[ea - 1]) === key(B[eb - 1])) { ea--; eb--; }
    const out = [];
    const push = (t, s) => {
      const last = out[out.length - 1];
      if (last && last[0] === t) last[1] += s; else out.push([t, s]);
    };
    B.slice(0, p).forEach((s) => push('=', s));
    const n = ea - p, m = eb - p;
    if (n * m > 4e6) { // too long to compare word by word: show it as replaced
      A.slice(p, ea).forEach((s) => push('-', key(s) + ' '));
      B.slice(p, eb).forEach((s) => push('+', s));
    } else { // longest common subsequence of the middle part
      const L = new Uint32Array((n + 1) * (m + 1)), W = m + 1;
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          L[i * W + j] = key(A[p + i]) === key(B[p + j]) ? L[(i + 1) * W + j + 1] + 1
            : Math.max(L[(i + 1) * W + j], L[i * W + j + 1]);
        }
      }
      let i = 0, j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && key(A[p + i]) === key(B[p + j])) { push('=', B[p + j]); i++; j++; }
        else if (i < n && (j === m || L[(i + 1) * W + j] >= L[i * W + j + 1])) push('-', key(A[p + i++]) + ' ');
        else push('+', B[p + j++]);
      }
    }
    B.slice(eb).forEach((s) => push('=', s));
    return out;
  }

  // ------------------------------------------------------------------ YAML out
  const RESERVED = /^(~|null|true|false|yes|no|y|n|on|off|[-+]?\.?(inf|infinity|nan))$/i;
  const PLAIN = /^([A-Za-z]([A-Za-z0-9 ,.()/_+-]*[A-Za-z0-9.)/_+-])?|\d{4}-\d\d-\d\d|sha256:[0-9a-f]+)$/;
  const DQ = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0' };

  /** A YAML scalar for a value after "key: " at indentation `indent` that reads back as
   *  exactly `s`: plain when plainly safe, a |- block for tidy multi-line text, otherwise
   *  double-quoted with escapes. */
  function yamlScalar(s, indent) {
    s = String(s);
    if (typeof s.toWellFormed === 'function') s = s.toWellFormed();
    if (PLAIN.test(s) && !RESERVED.test(s)) return s;
    // A block keeps the text readable. Only when nothing in it could change on the way
    // back: no white space at line ends or at the very start, no control characters,
    // at most one final line break.
    if (s.includes('\n') && !/[ \t]\n|[ \t]$|^[\s]|\n\n$/.test(s) &&
        !/[\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/.test(s)) {
      const keep = s.endsWith('\n');
      const body = keep ? s.slice(0, -1) : s;
      return (keep ? '|' : '|-') + body.split('\n').map((l) => '\n' + (l ? indent + '  ' + l : '')).join('');
    }
    return '"' + s.replace(/[\\"\0-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => DQ[c] ||
      (c.charCodeAt(0) < 0x100 ? '\\x' : '\\u') +
      c.charCodeAt(0).toString(16).padStart(c.charCodeAt(0) < 0x100 ? 2 : 4, '0')) + '"';
  }

  /** decisions.yaml, in the layout `hrpolicy review` writes. */
  function decisionsYaml(d) {
    const out = [
      '# Review decisions. For each clause: decision (pending, accepted, amended, removed),',
      '# `text` for amended clauses, `note` (the reason) for removed ones, and the date.',
      '# `hash` and `reviewed` record the text that was reviewed: leave them as they are.',
      'schema: 1',
    ];
    if (d.answers) out.push('answers: ' + yamlScalar(d.answers, ''));
    const { members, meetings } = d.committee;
    out.push('committee:', '  members:' + (members.length ? '' : ' []'));
    for (const m of members) {
      out.push('  - name: ' + yamlScalar(m.name, '    '), '    lived-experience: ' + (m.lived ? 'true' : 'false'));
    }
    out.push('  meetings:' + (meetings.length ? '' : ' []'));
    for (const date of meetings) out.push('  - ' + yamlScalar(date, '    '));
    out.push('clauses:' + (d.clauses.length ? '' : ' []'));
    for (const c of d.clauses) {
      out.push('- id: ' + yamlScalar(c.id, '  '));
      for (const k of ['title', 'decision', 'hash', 'reviewed', 'text', 'note', 'date']) {
        const required = ['title', 'decision', 'hash', 'reviewed'].includes(k);
        if (c[k] != null && (required || c[k] !== '')) out.push('  ' + k + ': ' + yamlScalar(c[k], '  '));
      }
    }
    return out.join('\n') + '\n';
  }

  /** `next` (decisions.yaml as this page writes it) with the comments of `old` (the file
   *  it was opened from): each before, or at the end of, the line with the same path of
   *  keys as in `old`; a comment whose value is gone moves down, never dropped. The same
   *  rules as hrpolicy's own saving (src/yaml_comments.rs). */
  function carryComments(old, next) {
    const kinds = (lines) => {
      const out = [], stack = [], counts = new Map();
      let block = null;
      for (const line of lines) {
        let content = line.replace(/^ +/, '');
        let indent = line.length - content.length;
        if (block !== null) {
          if (!content.trim() || indent > block) { out.push(null); continue; }
          block = null;
        }
        if (content.startsWith('#')) { out.push('#'); continue; }
        if (!content.trim() || content.startsWith('---')) { out.push(null); continue; }
        const item = content.startsWith('- ') || content === '-';
        while (stack.length) {
          const [i, , isItem] = stack[stack.length - 1];
          if (i > indent || (i === indent && (!item || isItem))) stack.pop(); else break;
        }
        let parent = stack.length ? stack[stack.length - 1][1] : '';
        const join = (a, b) => (a ? a + '/' + b : b);
        if (item) {
          const rest = content.slice(1).replace(/^ +/, '');
          const k = keyOf(rest);
          let name;
          if (k && k[0] === 'id') name = '[id=' + k[1].split(' #')[0].trim().replace(/^['"]|['"]$/g, '') + ']';
          else { const n = counts.get(parent) || 0; counts.set(parent, n + 1); name = '[' + n + ']'; }
          const itemPath = join(parent, name);
          stack.push([indent, itemPath, true]);
          if (!k) { out.push(itemPath); continue; }
          indent = indent + (content.length - rest.length);
          parent = itemPath;
          content = rest;
        }
        const k = keyOf(content);
        if (!k) { out.push(null); continue; }
        const path = join(parent, k[0]);
        if (/^[|>][-+0-9]*$/.test(k[1].split(' #')[0].trim())) block = indent;
        stack.push([indent, path, false]);
        out.push(path);
      }
      return out;
    };
    function keyOf(content) {
      let key, rest;
      if (content[0] === "'" || content[0] === '"') {
        const end = content.indexOf(content[0], 1);
        if (end < 0 || content[end + 1] !== ':') return null;
        key = content.slice(1, end); rest = content.slice(end + 2);
      } else {
        const m = /:( |\t|$)/.exec(content);
        if (!m) return null;
        key = content.slice(0, m.index); rest = content.slice(m.index + 1);
      }
      if (!key || /^[#[{&*!|>]/.test(key)) return null;
      return [key, rest];
    }
    function trailing(line) {
      let quote = null, prev = ' ';
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) { if (c === quote) quote = null; } else if (c === '#' && i > 0 && (prev === ' ' || prev === '\t')) {
          return line.slice(i);
        } else if ((c === "'" || c === '"') && ' [,-:'.includes(prev)) quote = c;
        prev = c;
      }
      return null;
    }
    // Lines as hrpolicy's YAML reader counts them: a lone CR, NEL, LS or PS ends one too.
    const oldLines = String(old || '').replace(/^\uFEFF/, '').split(/\r\n|[\r\n\u0085\u2028\u2029]/);
    const newLines = next.replace(/\n$/, '').split('\n');
    const oldKinds = kinds(oldLines), newKinds = kinds(newLines);
    const present = new Set(newKinds.filter((k) => k && k !== '#'));
    const own = new Set(newLines.filter((l, i) => newKinds[i] === '#').map((l) => l.trim()));
    const before = new Map(), inline = new Map();
    let pending = [];
    oldLines.forEach((line, i) => {
      const k = oldKinds[i];
      if (k === '#') { if (!own.has(line.trim())) pending.push(line); return; }
      if (!k) return;
      const c = trailing(line);
      if (c) { if (present.has(k)) inline.set(k, c); else pending.push(c); }
      if (present.has(k) && pending.length) { before.set(k, (before.get(k) || []).concat(pending)); pending = []; }
    });
    const out = [];
    newLines.forEach((line, i) => {
      const k = newKinds[i];
      const path = k && k !== '#' ? k : null;
      if (path && before.has(path)) out.push(...before.get(path));
      out.push(path && inline.has(path) && !trailing(line) ? line + '  ' + inline.get(path) : line);
    });
    // The result must read as the same data as `next`; if the comments placed by path
    // change it, they all go at the end instead; if even that does, `next` as it is.
    const data = (t) => { try { return JSON.stringify(parseYaml(t)); } catch (e) { return null; } };
    const want = data(next);
    const placed = out.concat(pending).join('\n') + '\n';
    if (data(placed) === want) return placed;
    const all = [];
    oldLines.forEach((line, i) => {
      const k = oldKinds[i];
      const c = k === '#' ? line.trim() : k ? trailing(line) : null;
      if (c && !own.has(c.trim())) all.push(c);
    });
    const atEnd = next.replace(/\n?$/, '\n') + all.map((c) => c + '\n').join('');
    return data(atEnd) === want ? atEnd : next;
  }

  // ------------------------------------------------------------------ YAML in
  /** A problem in a YAML file: its 1-based line, a string key and its values. */
  function YamlError(line, key, vars) { this.line = line; this.key = key; this.vars = vars || {}; }

  /** Reads the YAML that decisions files use: block maps and lists, flow [..] and {..},
   *  plain, '..' and ".." scalars, | and > blocks, comments. Scalars come back as strings
   *  (null for an empty or null plain value). Maps and lists carry their line numbers in
   *  the hidden `$line` and `$lines`. */
  function parseYaml(text) {
    const L = String(text).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    let i = 0;
    const fail = (key, vars, line) => { throw new YamlError(line || Math.min(i, L.length - 1) + 1, key, vars); };
    const indentOf = (s) => s.length - s.replace(/^ +/, '').length;
    const blank = (s) => /^\s*(#.*)?$/.test(s);
    const isItem = (s) => /^-( |$)/.test(s);
    const tag = (o, line) => {
      Object.defineProperty(o, '$line', { value: line });
      Object.defineProperty(o, '$lines', { value: Array.isArray(o) ? [] : Object.create(null) });
      return o;
    };
    const ESC = { 0: '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
      ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
    const unescape = (t) => t.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.?)/g, (m, e) => {
      if (e.length > 1 && parseInt(e.slice(1), 16) <= 0x10ffff) return String.fromCodePoint(parseInt(e.slice(1), 16));
      if (e in ESC) return ESC[e];
      return fail('yaml_escape', { escape: m });
    });
    const plain = (s) => (/^(~|null|Null|NULL)?$/.test(s) ? null : s);

    // Skips blank and comment lines; false at the end of the text.
    function skip() {
      for (; i < L.length; i++) {
        if (blank(L[i]) || /^(---|\.\.\.)(\s.*)?$/.test(L[i])) continue;
        if (/^ *\t/.test(L[i])) fail('yaml_tab');
        return true;
      }
      return false;
    }
    // The index of the closing quote in t, or -1.
    function closeAt(t, q) {
      for (let k = 0; k < t.length; k++) {
        if (q === '"' && t[k] === '\\') k++;
        else if (t[k] === q) { if (q === "'" && t[k + 1] === "'") k++; else return k; }
      }
      return -1;
    }
    // Joins the lines of a quoted scalar: one line break is a space, empty lines are breaks.
    function fold(parts, q) {
      const dec = q === '"' ? unescape : (t) => t.replace(/''/g, "'");
      let out = '';
      for (let k = 0; k < parts.length; k++) {
        let t = k > 0 ? parts[k].replace(/^[ \t]+/, '') : parts[k];
        if (k === parts.length - 1) { out += dec(t); break; }
        if (q === '"' && /(^|[^\\])(\\\\)*\\$/.test(t)) { out += dec(t.slice(0, -1)); continue; }
        t = t.replace(/[ \t]+$/, '');
        out += dec(t);
        let empty = 0;
        while (k + 1 < parts.length - 1 && /^[ \t]*$/.test(parts[k + 1])) { empty++; k++; }
        out += empty ? '\n'.repeat(empty) : ' ';
      }
      return out;
    }
    function keyOf(s) {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'[\]{},&*!|>%@`][^:#]*?)[ \t]*:(?:[ \t]+|$)/.exec(s);
      if (!m) return null;
      const k = m[1];
      return { key: k[0] === '"' || k[0] === "'" ? fold([k.slice(1, -1)], k[0]) : k, len: m[0].length };
    }
    // The node at line i, indented by at least `ind`.
    function block(ind) {
      if (!skip() || indentOf(L[i]) < ind) return null;
      const n = indentOf(L[i]), rest = L[i].slice(n);
      if (isItem(rest)) return seq(n);
      if (keyOf(rest)) return map(n);
      return inline(rest, ind - 1);
    }
    function map(n) {
      const o = tag(Object.create(null), i + 1);
      while (skip() && indentOf(L[i]) >= n) {
        if (indentOf(L[i]) > n) fail('yaml_indent');
        const rest = L[i].slice(n), k = keyOf(rest);
        if (!k) fail(isItem(rest) ? 'yaml_indent' : 'yaml_key');
        if (k.key in o) fail('yaml_duplicate', { key: k.key });
        o.$lines[k.key] = i + 1;
        const after = rest.slice(k.len);
        if (!blank(after)) { o[k.key] = inline(after, n); continue; }
        i++;
        // The value is on the next lines: a deeper block, or a list at the same indent.
        o[k.key] = skip() && indentOf(L[i]) === n && isItem(L[i].slice(n)) ? seq(n) : block(n + 1);
      }
      return o;
    }
    function seq(n) {
      const a = tag([], i + 1);
      while (skip() && indentOf(L[i]) === n && isItem(L[i].slice(n))) {
        a.$lines.push(i + 1);
        const after = L[i].slice(n + 1);
        if (blank(after)) { i++; a.push(block(n + 1)); continue; }
        // "- key: value": read the rest of the line as if it started at its own column
        const col = n + 1 + indentOf(after);
        L[i] = ' '.repeat(col) + after.trimStart();
        a.push(block(col));
      }
      if (skip() && indentOf(L[i]) > n) fail('yaml_indent');
      return a;
    }
    // A value that starts on this line after "key:" or "- "; `parent` is the indentation
    // its continuation lines must exceed.
    function inline(s, parent) {
      s = s.replace(/^[ \t]+/, '');
      const c = s[0];
      if (c === '|' || c === '>') return blockScalar(s, parent);
      if (c === '"' || c === "'") return quoted(s, c);
      if (c === '[' || c === '{') return flow(s);
      if (c === '&' || c === '*' || c === '!') fail('yaml_unsupported');
      let v = s.replace(/[ \t]+#.*$/, '').trim(), breaks = 0;
      for (i++; i < L.length; i++) { // a plain text may go on over more indented lines
        const t = L[i];
        if (/^\s*$/.test(t)) { breaks++; continue; }
        if (indentOf(t) <= parent || /^\s*#/.test(t)) break;
        if (/:( |$)/.test(t.replace(/[ \t]+#.*$/, ''))) fail('yaml_indent'); // "key: value" indented too far
        v += (breaks ? '\n'.repeat(breaks) : ' ') + t.trim().replace(/[ \t]+#.*$/, '');
        breaks = 0;
      }
      return plain(v);
    }
    function quoted(s, q) {
      const start = i + 1, parts = [];
      let t = s.slice(1), j;
      while ((j = closeAt(t, q)) < 0) {
        parts.push(t);
        if (++i >= L.length) fail('yaml_quote', {}, start);
        t = L[i];
      }
      parts.push(t.slice(0, j));
      if (!blank(t.slice(j + 1))) fail('yaml_after');
      i++;
      // libyaml (hrpolicy's writer) treats U+2028/2029 as line breaks and indents after them
      return fold(parts.map((p) => p.replace(/([\u2028\u2029])[ \t]+/g, '$1')), q);
    }
    function blockScalar(s, parent) {
      const m = /^([|>])(?:([1-9])([+-])?|([+-])([1-9])?)?[ \t]*(#.*)?$/.exec(s);
      if (!m) fail('yaml_block');
      const literal = m[1] === '|', digit = m[2] || m[5], chomp = m[3] || m[4] || '';
      let ind = digit ? Math.max(parent, 0) + Number(digit) : 0;
      i++;
      if (!ind) { // the first line with text sets the indentation
        const first = L.slice(i).find((t) => !/^ *$/.test(t));
        ind = first === undefined ? 0 : indentOf(first);
        if (ind <= parent) ind = parent + 1;
      }
      const body = [];
      for (; i < L.length; i++) {
        if (!/^ *$/.test(L[i]) && indentOf(L[i]) < ind) break;
        body.push(L[i].slice(ind));
      }
      let n = body.length;
      while (n && /^ *$/.test(body[n - 1])) n--;
      const lines = body.slice(0, n), tail = body.length - n;
      let v = '';
      if (literal) v = lines.join('\n');
      else { // folded: single line breaks between plain lines become spaces
        let prev = null, empty = 0;
        for (const line of lines) {
          if (line === '') { empty++; continue; }
          const more = /^[ \t]/.test(line);
          if (prev !== null) v += prev === 'text' && !more ? (empty ? '\n'.repeat(empty) : ' ') : '\n'.repeat(empty + 1);
          else v += '\n'.repeat(empty);
          v += line;
          prev = more ? 'more' : 'text';
          empty = 0;
        }
      }
      if (chomp === '-') return v;
      if (!lines.length) return chomp === '+' ? '\n'.repeat(tail) : '';
      return v + '\n'.repeat(chomp === '+' ? tail + 1 : 1);
    }
    function flow(s) {
      const start = i + 1;
      let src = s, text = '', depth = 0, q = null, k = 0;
      for (;; k++) {
        if (k >= src.length) { // the collection goes on over the next line
          if (++i >= L.length) fail(q ? 'yaml_quote' : 'yaml_flow', {}, start);
          src = L[i]; k = -1; text += '\n';
          continue;
        }
        const c = src[k];
        if (q) { if (q === '"' && c === '\\') { text += c + (src[k + 1] || ''); k++; continue; } if (c === q) q = null; }
        else if ((c === '"' || c === "'") && /[[{,:]$/.test(text.trimEnd())) q = c; // a quote opens only a value
        else if (c === '#' && (k === 0 || /\s/.test(src[k - 1]))) { k = src.length - 1; continue; }
        else if (c === '[' || c === '{') depth++;
        else if (c === ']' || c === '}') depth--;
        text += c;
        if (!depth) break;
      }
      if (!blank(src.slice(k + 1))) fail('yaml_after');
      i++;
      let p = 0;
      const ws = () => { while (p < text.length && /\s/.test(text[p])) p++; };
      const expect = (close) => {
        ws();
        if (text[p] === ',') { p++; ws(); }
        else if (text[p] !== close) fail('yaml_flow', {}, start);
      };
      function value() {
        ws();
        const c = text[p];
        if (c === '[') {
          const a = tag([], start);
          for (p++, ws(); text[p] !== ']'; ws()) { a.push(value()); expect(']'); }
          p++;
          return a;
        }
        if (c === '{') {
          const o = tag(Object.create(null), start);
          for (p++, ws(); text[p] !== '}'; ws()) {
            const key = value();
            ws();
            if (text[p] !== ':') fail('yaml_key', {}, start);
            p++;
            o[key] = /^\s*[,}]/.test(text.slice(p)) ? null : value();
            expect('}');
          }
          p++;
          return o;
        }
        if ((c === '"' || c === "'") && /[[{,:]$/.test(text.slice(0, p).trimEnd())) {
          const j = closeAt(text.slice(p + 1), c);
          const raw = text.slice(p + 1, p + 1 + j);
          p += j + 2;
          return fold(raw.split('\n'), c);
        }
        const from = p;
        while (p < text.length && !/[,[\]{}]/.test(text[p]) &&
               !(text[p] === ':' && /^(\s|[,\]}]|$)/.test(text.slice(p + 1, p + 2)))) p++;
        if (p === from && p < text.length && text[p] !== ',' && text[p] !== ']' && text[p] !== '}') fail('yaml_flow', {}, start);
        return plain(text.slice(from, p).replace(/[ \t]*\n\s*/g, ' ').trim());
      }
      return value();
    }

    const doc = block(0);
    if (skip()) fail(isItem(L[i].trim()) ? 'yaml_indent' : 'yaml_key');
    return doc;
  }

  /** Reads a decisions file and checks it as `hrpolicy build` does. Throws a YamlError. */
  function readDecisions(text) {
    const doc = parseYaml(text);
    const out = { schema: 1, answers: null, committee: { members: [], meetings: [] }, clauses: [] };
    if (doc === null) return out;
    const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    const lineOf = (o, k) => (o.$lines && o.$lines[k]) || o.$line || 1;
    const bad = (o, k, key, vars) => { throw new YamlError(lineOf(o, k), key, vars); };
    // `o` (found under `key` of `parent`) must be a map with only `allowed` fields.
    const fields = (o, parent, key, allowed, where) => {
      if (!isMap(o)) bad(parent, key, 'yaml_map', { key: where || key });
      for (const k of Object.keys(o)) if (!allowed.includes(k)) bad(o, k, 'unknown_field', { key: k });
      return o;
    };
    const list = (o, k) => (o[k] == null ? [] : Array.isArray(o[k]) ? o[k] : bad(o, k, 'yaml_list', { key: k }));
    const str = (o, k) => (o[k] == null ? '' : typeof o[k] === 'object' ? bad(o, k, 'yaml_text', { key: k }) : String(o[k]));
    fields(doc, { $line: 1 }, 'decisions', ['schema', 'answers', 'committee', 'clauses']);
    if (doc.schema != null) {
      if (!/^\d+$/.test(doc.schema)) bad(doc, 'schema', 'yaml_number', { key: 'schema' });
      if (Number(doc.schema) > 1) bad(doc, 'schema', 'schema_newer', { schema: doc.schema });
    }
    out.answers = str(doc, 'answers') || null;
    if (doc.committee != null) {
      const c = fields(doc.committee, doc, 'committee', ['members', 'meetings']);
      const members = list(c, 'members');
      members.forEach((m, k) => {
        fields(m, members, k, ['name', 'lived-experience'], 'members');
        const lived = m['lived-experience'];
        if (lived != null && !/^(true|false|True|False|TRUE|FALSE)$/.test(lived)) bad(m, 'lived-experience', 'yaml_bool', { key: 'lived-experience' });
        out.committee.members.push({ name: str(m, 'name'), lived: /^t/i.test(lived || '') });
      });
      const meetings = list(c, 'meetings');
      meetings.forEach((d, k) => {
        if (typeof d !== 'string' || !validDate(d)) bad(meetings, k, 'not_a_date', { value: d });
        out.committee.meetings.push(d);
      });
    }
    const seen = new Set();
    const entries = list(doc, 'clauses');
    entries.forEach((x, k) => {
      fields(x, entries, k, ['id', 'title', 'decision', 'hash', 'reviewed', 'text', 'note', 'date'], 'clauses');
      const e = {};
      for (const k of ['id', 'title', 'hash', 'reviewed', 'text', 'note', 'date']) e[k] = str(x, k);
      e.decision = str(x, 'decision') || 'pending';
      if (!e.id) bad(x, 'id', 'no_id');
      if (seen.has(e.id)) bad(x, 'id', 'twice', { id: e.id });
      seen.add(e.id);
      if (!['pending', 'accepted', 'amended', 'removed'].includes(e.decision)) bad(x, 'decision', 'unknown_decision', { value: e.decision });
      if (e.decision === 'amended' && !e.text.trim()) bad(x, 'decision', 'amended_no_text', { id: e.id });
      if (e.decision === 'removed' && !e.note.trim()) bad(x, 'decision', 'removed_no_note', { id: e.id });
      if (e.date && !validDate(e.date)) bad(x, 'date', 'not_a_date', { value: e.date });
      out.clauses.push(e);
    });
    return out;
  }

  const api = { EN, fmt, wordDiff, yamlScalar, decisionsYaml, parseYaml, readDecisions, YamlError };
  if (typeof document === 'undefined' || !document.getElementById('pack')) {
    if (typeof module === 'object' && module.exports) module.exports = api; // for tests under Node
    return;
  }

  // ------------------------------------------------------------------ the page
  const pack = JSON.parse(document.getElementById('pack').textContent);
  const S = Object.assign({}, EN, pack.strings || {});
  const T = (key, vars) => fmt(S[key] != null ? S[key] : key, vars);
  const clauses = pack.clauses || [];
  const byId = new Map(clauses.map((c) => [c.id, c]));
  const KEY = 'hrpolicy-review:' + (pack.pack_id || pack.organisation);
  const ICON = { pending: '○', accepted: '✓', amended: '✎', removed: '✕', stale: '⚠' };
  const pad = (n) => String(n).padStart(2, '0');
  const today = () => { const d = new Date(); return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); };
  const clock = (t) => new Date(t).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });

  /** el('p', {class: 'x', text: 'y', onclick: f}, child...): strings become text nodes. */
  function el(tagName, attrs, ...kids) {
    const e = document.createElement(tagName);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'html') e.innerHTML = v; // only *_html fields, escaped by hrpolicy
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) e.append(kid);
    return e;
  }
  const button = (label, attrs, icon) => el('button', Object.assign({ type: 'button', class: 'btn' }, attrs),
    icon ? el('span', { class: 'ico', 'aria-hidden': 'true', text: icon }) : null, icon ? ' ' : null, label);

  // --- state: the committee and one entry per clause; kept in localStorage by pack id
  let storage = null;
  try { localStorage.setItem(KEY + ':test', '1'); localStorage.removeItem(KEY + ':test'); storage = localStorage; } catch (e) { /* none */ }
  let state, dirty = false, savedAt = null, filter = 'all', current = null;

  /** The page's entry for a decision from the pack or a file. A decision made on another
   *  text is stale: it is reopened, as `hrpolicy review` does, with the earlier decision
   *  in the note and its wording kept for the diff. */
  function adopt(x, c) {
    const e = { decision: 'pending', text: '', note: '', date: '', earlier: null };
    if (!x) return e;
    Object.assign(e, { decision: x.decision || 'pending', text: x.text || '', note: x.note || '', date: x.date || '' });
    if (e.decision !== 'pending' && (x.hash || '') !== c.hash) {
      const was = T(e.date ? 'earlier_note' : 'earlier_note_nodate', { decision: e.decision, date: e.date });
      e.earlier = { decision: e.decision, date: e.date, reviewed: x.reviewed || '' };
      e.note = e.note ? was + ' ' + e.note : was;
      e.decision = 'pending';
      e.date = '';
    }
    return e;
  }
  function fromPack() {
    const com = pack.committee || {};
    const s = {
      answers: pack.answers == null ? null : pack.answers, extra: [], d: {},
      committee: {
        members: (com.members || []).map((m) => ({ name: m.name || '', lived: !!(m.lived_experience || m['lived-experience']) })),
        meetings: (com.meetings || []).slice(),
      },
    };
    for (const c of clauses) s.d[c.id] = adopt(c.decision, c);
    return s;
  }
  function persist() {
    if (!storage) return;
    try { storage.setItem(KEY, JSON.stringify({ v: 1, when: Date.now(), dirty, savedAt, state })); } catch (e) { /* full: keep going in memory */ }
  }
  function changed() { dirty = true; persist(); refresh(); }
  const st = (c) => state.d[c.id];

  // --- layout
  const app = document.getElementById('app');
  const views = new Map();
  let bar, progressText, progressBar, saveStatus, notice, memberList, meetingList, committeeSummary, paperCommittee, filterSelect, emptyNote, fileInput;

  function notify(message, kind, action) {
    notice.replaceChildren(...[el('p', { class: 'msg' }, message), action,
      button(T('close'), { class: 'btn small', onclick: () => { notice.hidden = true; } })].filter(Boolean));
    notice.className = 'notice ' + (kind || 'info');
    notice.hidden = false;
    if (kind === 'error') notice.scrollIntoView({ block: 'nearest' });
  }

  function buildPage() {
    const title = document.querySelector('.page-head .sub');
    if (title) title.textContent = T('subtitle', { library: pack.library || '', generated: pack.generated || '' });
    progressText = el('p', { class: 'progress-text', id: 'progress-text', 'aria-live': 'polite' });
    progressBar = el('progress', { max: String(clauses.length || 1), value: '0', 'aria-labelledby': 'progress-text' });
    saveStatus = el('p', { class: 'save-status' });
    notice = el('div', { class: 'notice', hidden: true, role: 'status', 'aria-live': 'polite' });
    bar = el('div', { class: 'bar' },
      el('div', { class: 'bar-row' }, el('div', {}, progressText, saveStatus),
        button(T('save'), { class: 'btn primary', id: 'save', onclick: save }, '⤓'), progressBar));
    fileInput = el('input', { type: 'file', id: 'open-file', class: 'visually-hidden', tabindex: '-1',
      onchange: () => { if (fileInput.files[0]) openFile(fileInput.files[0]); fileInput.value = ''; } });
    const keys = ['j', 'k', 'a', 'm', 'r', 'n', 'u'];
    const shortcuts = el('details', { class: 'keys', open: window.matchMedia('(min-width: 48rem)').matches },
      el('summary', { text: T('keys_title') }),
      el('dl', {}, keys.map((k) => el('div', {}, el('dt', {}, el('kbd', { text: k })), el('dd', { text: T('key_' + k) })))),
      el('p', { class: 'hint', text: T('keys_hint') }));
    const intro = el('section', { class: 'intro' },
      el('p', { text: T('intro') }),
      el('div', { class: 'actions' },
        button(T('open'), { onclick: () => fileInput.click() }, '⤒'),
        button(T('print'), { onclick: () => window.print() }), fileInput),
      el('p', { class: 'hint', text: T('save_hint') }),
      shortcuts);

    memberList = el('ul', { class: 'members' });
    meetingList = el('ul', { class: 'meetings' });
    committeeSummary = el('p', { class: 'summary' });
    paperCommittee = el('div', { class: 'paper paper-committee' });
    const committee = el('section', { class: 'committee', 'aria-labelledby': 'committee-h' },
      el('h2', { id: 'committee-h', text: T('committee') }),
      el('p', { class: 'hint', text: T('committee_hint') }),
      memberList,
      button(T('member_add'), { class: 'btn', id: 'add-member', onclick: addMember }, '+'),
      committeeSummary,
      el('h3', { text: T('meetings') }), meetingList,
      button(T('meeting_add'), { class: 'btn', id: 'add-meeting', onclick: () => { state.committee.meetings.push(today()); renderCommittee(); changed(); focusLast(meetingList, 'input'); } }, '+'),
      paperCommittee);

    filterSelect = el('select', { id: 'filter', onchange: () => { filter = filterSelect.value; applyFilter(null); } });
    emptyNote = el('p', { class: 'empty', hidden: true, text: T('filter_empty') });
    const list = el('div', { id: 'clauses', tabindex: '-1' });
    let chapter = null;
    for (const c of clauses) {
      if (!chapter || chapter.name !== c.chapter) {
        chapter = el('section', { class: 'chapter' }, el('h2', { text: T('chapter', { number: String(c.number).split('.')[0], title: c.chapter || '' }) }));
        chapter.name = c.chapter;
        list.append(chapter);
      }
      chapter.append(buildClause(c));
    }
    app.replaceChildren(
      el('a', { class: 'skip', href: '#clauses', text: T('skip') }),
      bar, notice, intro, committee,
      el('div', { class: 'filter' }, el('label', { for: 'filter', text: T('filter') }), filterSelect),
      list, emptyNote);
  }

  function details(summary, body, cls) {
    return el('details', { class: 'more ' + (cls || '') }, el('summary', { text: summary }), el('div', { class: 'more-body' }, body));
  }

  function buildClause(c) {
    const v = {}, id = c.id;
    const why = (c.why || []).map((w) => el('li', {}, (w.question || w.prompt || '') + ' ', el('strong', { text: w.answer || '' })));
    const selected = [
      el('p', { text: c.condition ? T('selected_when', { condition: c.condition }) : T('selected_always') }),
      why.length ? el('p', { text: T('selected_answers') }) : null, why.length ? el('ul', {}, why) : null,
      c.variant && c.variant !== 'default' ? el('p', { text: T('selected_variant', { variant: c.variant }) }) : null,
    ];
    const sources = (c.sources || []).length
      ? el('ul', {}, c.sources.map((s) => el('li', { text: s.title + (s.locator ? ' (' + s.locator + ')' : '') })))
      : el('p', { text: T('sources') + ': —' });
    const alts = (c.alternatives || []).map((a) => el('div', { class: 'alt' },
      el('p', { class: 'alt-when', text: a.when === 'otherwise' ? T('alt_otherwise') : T('alt_when', { when: a.when }) }),
      el('div', { class: 'plain-text', text: a.text })));
    const meta = [T('clause_id', { id }), c.country ? T('country_clause', { country: c.country }) : null].filter(Boolean).join(' · ');
    v.badge = el('p', { class: 'badge' });
    v.stale = el('div', { class: 'stale', hidden: true });
    v.amendedText = el('div', { class: 'plain-text' });
    v.amended = el('div', { class: 'amended', hidden: true }, el('h4', { text: T('committee_text') }), v.amendedText);
    v.origLabel = el('h4', { class: 'orig-label', hidden: true, text: T('original_text') });
    v.accept = button(T('accept'), { class: 'btn accept', 'aria-pressed': 'false', onclick: () => decide(c, 'accepted') }, ICON.accepted);
    v.amend = button(T('amend'), { class: 'btn amend', 'aria-pressed': 'false', 'aria-expanded': 'false', 'aria-controls': 'box-' + id, onclick: () => openAmend(c) }, ICON.amended);
    v.remove = button(T('remove'), { class: 'btn remove', 'aria-pressed': 'false', onclick: () => decide(c, 'removed') }, ICON.removed);
    v.undo = button(T('undo'), { class: 'btn undo', onclick: () => decide(c, 'pending') }, '↺');
    v.area = el('textarea', { id: 'area-' + id, rows: '8', onkeydown: (ev) => { if (ev.key === 'Escape') closeAmend(c); } });
    v.box = el('div', { class: 'amend-box', id: 'box-' + id, hidden: true },
      el('label', { for: 'area-' + id, text: T('amend_label') }), v.area,
      el('div', { class: 'row' }, button(T('amend_save'), { class: 'btn primary', onclick: () => saveAmend(c) }),
        button(T('amend_cancel'), { onclick: () => closeAmend(c) })));
    v.note = el('textarea', { id: 'note-' + id, class: 'note', rows: '2', 'aria-describedby': 'err-' + id,
      oninput: () => { st(c).note = v.note.value; if (v.note.value.trim()) showError(c, ''); changed(); } });
    v.error = el('p', { class: 'error', id: 'err-' + id, 'aria-live': 'assertive' });
    v.paper = el('div', { class: 'paper' });
    v.article = el('article', { class: 'clause', id: 'c-' + id, 'data-id': id, tabindex: '-1', 'aria-labelledby': 'h-' + id },
      el('header', { class: 'clause-head' },
        el('h3', { id: 'h-' + id }, el('span', { class: 'num', text: c.number }), ' ', c.title), v.badge),
      el('p', { class: 'meta', text: meta }),
      v.stale, v.amended, v.origLabel,
      el('div', { class: 'text', html: c.text_html || '' }),
      details(T('rationale'), el('div', { html: c.rationale_html || '' }), 'why'),
      details(T('sources'), sources),
      details(T('selected'), selected),
      alts.length ? details(T('alternatives', { count: alts.length }), alts) : null,
      el('div', { class: 'decide', role: 'group', 'aria-label': T('decision_group', { number: c.number }) },
        v.accept, v.amend, v.remove, v.undo),
      v.box,
      el('label', { class: 'note-label', for: 'note-' + id }, T('note'), ' ', el('span', { class: 'hint', text: T('note_hint') })),
      v.note, v.error, v.paper);
    views.set(id, v);
    return v.article;
  }

  // --- showing the state
  function update(c) {
    const e = st(c), v = views.get(c.id), s = e.decision;
    const look = s === 'pending' && e.earlier ? 'stale' : s;
    v.article.className = 'clause s-' + look;
    v.badge.replaceChildren(el('span', { class: 'ico', 'aria-hidden': 'true', text: ICON[look] }), ' ', T('status_' + look));
    for (const [b, d] of [[v.accept, 'accepted'], [v.amend, 'amended'], [v.remove, 'removed']]) b.setAttribute('aria-pressed', String(s === d));
    v.undo.hidden = s === 'pending';
    v.amended.hidden = v.origLabel.hidden = s !== 'amended';
    v.amendedText.textContent = s === 'amended' ? e.text : '';
    v.stale.hidden = !e.earlier;
    if (e.earlier) {
      // Lines wrapped in the source are joined; paragraphs and list items stay apart.
      // White space goes outside the marks, as in the terminal's [-…-]{+…+}.
      const reflow = (t) => t.replace(/([^\n])\n(?![ \t]*\n|[ \t]*([-*+]|\d+\.)\s)[ \t]*/g, '$1 ');
      const diff = el('div', { class: 'diff' }, wordDiff(reflow(e.earlier.reviewed), reflow(c.text)).map(([t, x]) =>
        (t === '=' ? x : [el(t === '-' ? 'del' : 'ins', { text: x.trimEnd() }), x.slice(x.trimEnd().length)])));
      v.stale.replaceChildren(el('h4', {}, el('span', { class: 'ico', 'aria-hidden': 'true', text: ICON.stale }), ' ', T('stale_title')),
        el('p', { class: 'hint', text: T('diff_help') }), diff);
    }
    if (document.activeElement !== v.note) v.note.value = e.note;
    const box = (d) => (s === d ? '☒ ' : '☐ ') + T(d === 'accepted' ? 'accept' : d === 'amended' ? 'amend' : 'remove');
    v.paper.replaceChildren(
      el('p', {}, el('strong', { text: T('paper_decision') }), '  ', box('accepted'), '   ', box('amended'), '   ', box('removed')),
      el('p', {}, el('strong', { text: T('paper_note') }), ' ', e.note),
      el('div', { class: 'lines' }));
  }

  function refresh() {
    const done = clauses.filter((c) => st(c).decision !== 'pending').length;
    const stale = clauses.filter((c) => st(c).decision === 'pending' && st(c).earlier).length;
    progressText.textContent = T('progress', { done, total: clauses.length }) + (stale ? ' · ' + T('progress_stale', { count: stale }) : '');
    progressBar.value = done;
    saveStatus.textContent = dirty ? T('unsaved') : savedAt ? T('saved_at', { time: clock(savedAt) }) : '';
    saveStatus.className = 'save-status' + (dirty ? ' unsaved' : '');
    const count = (f) => clauses.filter((c) => matches(c, f)).length;
    const labels = { all: 'filter_all', todo: 'filter_todo', changed: 'filter_changed' };
    if (filterSelect.options.length !== 3) {
      filterSelect.replaceChildren(...Object.keys(labels).map((f) => el('option', { value: f })));
      filterSelect.value = filter;
    }
    for (const o of filterSelect.options) o.textContent = T(labels[o.value], { count: count(o.value) });
  }

  function matches(c, f) {
    const e = st(c);
    if (f === 'todo') return e.decision === 'pending';
    if (f === 'changed') return e.decision === 'amended' || e.decision === 'removed' || !!e.earlier;
    return true;
  }
  /** Shows the clauses the filter selects, and `keep` (the one being worked on). */
  function applyFilter(keep) {
    let shown = 0;
    for (const c of clauses) {
      const show = matches(c, filter) || c.id === keep;
      views.get(c.id).article.hidden = !show;
      shown += show;
    }
    for (const ch of app.querySelectorAll('.chapter')) ch.hidden = !ch.querySelector('.clause:not([hidden])');
    emptyNote.hidden = shown > 0;
  }

  function renderCommittee() {
    const { members, meetings } = state.committee;
    memberList.replaceChildren(...members.map((m, k) => el('li', { class: 'member' },
      el('label', { class: 'field' }, el('span', { text: T('member_name') }),
        el('input', { type: 'text', value: m.name, autocomplete: 'off', oninput: (ev) => { m.name = ev.target.value; committeeChanged(); } })),
      el('label', { class: 'check' },
        el('input', { type: 'checkbox', checked: m.lived, onchange: (ev) => { m.lived = ev.target.checked; committeeChanged(); } }),
        ' ', T('member_lived')),
      button(T('member_remove'), { class: 'btn small', 'aria-label': T('member_remove_named', { name: m.name || k + 1 }),
        onclick: () => { members.splice(k, 1); renderCommittee(); changed(); document.getElementById('add-member').focus(); } }, '✕'))));
    meetingList.replaceChildren(...meetings.map((d, k) => el('li', { class: 'meeting' },
      el('input', { type: 'date', value: d, 'aria-label': T('meeting_date'),
        onchange: (ev) => { meetings[k] = ev.target.value; committeeChanged(); } }),
      button(T('member_remove'), { class: 'btn small', 'aria-label': T('meeting_remove', { date: d }),
        onclick: () => { meetings.splice(k, 1); renderCommittee(); changed(); document.getElementById('add-meeting').focus(); } }, '✕'))));
    summarise();
    paperCommittee.replaceChildren(
      el('p', {}, el('strong', { text: T('paper_members') }), ' ',
        members.map((m) => m.name + (m.lived ? ' (' + T('paper_lived') + ')' : '')).join('; ')),
      el('p', {}, el('strong', { text: T('paper_meetings') }), ' ', meetings.join(', ')));
  }
  function summarise() {
    const { members } = state.committee;
    committeeSummary.textContent = members.length
      ? T('committee_summary', { members: members.length, lived: members.filter((m) => m.lived).length }) : T('no_members');
  }
  function committeeChanged() { summarise(); changed(); }
  function addMember() {
    state.committee.members.push({ name: '', lived: false });
    renderCommittee();
    changed();
    focusLast(memberList, 'input');
  }
  const focusLast = (list, sel) => { const all = list.querySelectorAll(sel); if (all.length) all[all.length - 1].focus(); };

  // --- deciding
  function showError(c, message) { views.get(c.id).error.textContent = message; }

  function decide(c, decision) {
    const e = st(c), v = views.get(c.id);
    if (decision === 'removed' && !e.note.trim()) {
      showError(c, T('remove_needs_note'));
      v.note.focus();
      return;
    }
    e.decision = decision;
    e.date = decision === 'pending' ? '' : today();
    if (decision === 'accepted' || decision === 'removed') e.text = '';
    // As in the terminal review: the day of a decision is a meeting date.
    if (decision !== 'pending' && !state.committee.meetings.includes(e.date)) {
      state.committee.meetings.push(e.date);
      renderCommittee();
    }
    showError(c, '');
    closeAmend(c, true);
    update(c);
    changed();
    if (decision === 'pending') v.accept.focus();
  }
  function openAmend(c) {
    const e = st(c), v = views.get(c.id);
    v.area.value = e.text || c.text;
    v.area.rows = Math.min(18, Math.max(6, v.area.value.split('\n').length + v.area.value.length / 70));
    v.box.hidden = false;
    v.amend.setAttribute('aria-expanded', 'true');
    v.area.focus();
    v.area.setSelectionRange(0, 0); // start at the top of the text
    v.area.scrollTop = 0;
  }
  function closeAmend(c, quiet) {
    const v = views.get(c.id);
    if (v.box.hidden) return;
    v.box.hidden = true;
    v.amend.setAttribute('aria-expanded', 'false');
    if (!quiet) v.amend.focus();
  }
  function saveAmend(c) {
    const v = views.get(c.id), text = v.area.value;
    if (!text.trim()) { showError(c, T('amend_empty')); v.area.focus(); return; }
    if (words(text).join(' ') === words(c.text).join(' ')) { showError(c, T('amend_same')); v.area.focus(); return; }
    st(c).text = text.replace(/\s+$/, '') + '\n';
    decide(c, 'amended');
    v.amend.focus();
  }

  // --- moving around
  function focusClause(c) {
    const a = views.get(c.id).article;
    a.scrollIntoView({ block: 'start' });
    a.focus({ preventScroll: true });
    current = c.id;
  }
  function go(step) {
    const cur = byId.get(current);
    const list = clauses.filter((c) => matches(c, filter) || c === cur);
    let next;
    if (!cur) { // start from the first clause on the screen, or of the list when it has the focus
      const top = bar.getBoundingClientRect().bottom, all = document.activeElement.id === 'clauses';
      next = list.find((c) => all || views.get(c.id).article.getBoundingClientRect().bottom > top + 40) || list[0];
    } else next = list[Math.max(0, Math.min(list.length - 1, list.indexOf(cur) + step))];
    if (!next) return;
    applyFilter(next.id);
    focusClause(next);
  }
  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
    if (ev.target.closest && ev.target.closest('input, textarea, select, [contenteditable]')) return;
    const c = byId.get(current);
    const act = {
      j: () => go(1), k: () => go(-1),
      a: () => c && decide(c, 'accepted'), m: () => c && openAmend(c), r: () => c && decide(c, 'removed'),
      n: () => c && views.get(c.id).note.focus(), u: () => c && decide(c, 'pending'),
    }[ev.key];
    if (!act) return;
    ev.preventDefault();
    act();
  }

  // --- files
  function snapshot() {
    return {
      answers: state.answers,
      committee: {
        members: state.committee.members.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), lived: m.lived })),
        meetings: state.committee.meetings.filter((d, k, all) => d && all.indexOf(d) === k),
      },
      clauses: clauses.map((c) => {
        const e = st(c), decided = e.decision !== 'pending';
        return { id: c.id, title: c.title, decision: e.decision, hash: c.hash, reviewed: c.text,
          text: e.text || null, note: e.note.trim() || null, date: decided ? e.date || today() : null };
      }).concat(state.extra),
    };
  }
  function save() {
    const bad = clauses.find((c) => st(c).decision === 'removed' && !st(c).note.trim());
    if (bad) {
      notify(T('save_blocked', { number: bad.number, title: bad.title }), 'error');
      applyFilter(bad.id);
      focusClause(bad);
      showError(bad, T('remove_needs_note'));
      return;
    }
    const date = state.committee.meetings.find((d) => d && !validDate(d));
    if (date) { notify(T('bad_date', { date }), 'error'); return; }
    // Comments written in the file last opened are kept.
    const text = carryComments(state.opened || '', decisionsYaml(snapshot()));
    const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml;charset=utf-8' }));
    const a = el('a', { href: url, download: 'decisions.yaml', hidden: true });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
    dirty = false;
    savedAt = Date.now();
    persist();
    refresh();
    notify(T('saved', { time: clock(savedAt) }), 'ok');
  }
  function openFile(file) {
    const reader = new FileReader();
    reader.onerror = () => notify(T('open_failed', { file: file.name }), 'error');
    reader.onload = () => {
      let got;
      try { got = readDecisions(String(reader.result)); } catch (err) {
        if (!(err instanceof YamlError)) throw err;
        notify(T('open_error', { file: file.name, line: err.line, message: T(err.key, err.vars) }), 'error');
        return;
      }
      if (dirty && !window.confirm(T('open_confirm', { file: file.name }))) return;
      state.committee = got.committee;
      if (got.answers) state.answers = got.answers;
      state.opened = String(reader.result);
      let stale = 0;
      for (const c of clauses) {
        state.d[c.id] = adopt(got.clauses.find((x) => x.id === c.id), c);
        if (state.d[c.id].earlier) stale++;
      }
      state.extra = got.clauses.filter((x) => !byId.has(x.id));
      const decided = clauses.filter((c) => st(c).decision !== 'pending').length;
      dirty = stale > 0;
      showAll();
      notify([T('opened', { file: file.name, decided, pending: clauses.length - decided }),
        stale ? T('opened_stale', { count: stale }) : '',
        state.extra.length ? T('opened_unknown', { count: state.extra.length }) : ''].filter(Boolean).join(' '), stale ? 'warn' : 'ok');
    };
    reader.readAsText(file);
  }

  function showAll() {
    renderCommittee();
    clauses.forEach(update);
    applyFilter(current);
    persist();
    refresh();
  }

  // --- start
  state = fromPack();
  buildPage();
  const kept = (() => { try { return storage && JSON.parse(storage.getItem(KEY)); } catch (e) { return null; } })();
  if (kept && kept.v === 1 && kept.state && kept.state.d) {
    // Work from an earlier visit wins over the pack (same pack id, so the same texts).
    state.committee = kept.state.committee || state.committee;
    state.answers = kept.state.answers === undefined ? state.answers : kept.state.answers;
    state.extra = kept.state.extra || [];
    for (const c of clauses) if (kept.state.d[c.id]) state.d[c.id] = Object.assign(st(c), kept.state.d[c.id]);
    dirty = !!kept.dirty;
    savedAt = kept.savedAt || null;
    notify(T('restored', { time: clock(kept.when) }) + (dirty ? ' ' + T('restored_unsaved') : ''), dirty ? 'warn' : 'info',
      button(T('forget'), { class: 'btn small', onclick: () => {
        if (!window.confirm(T('forget_confirm'))) return;
        storage.removeItem(KEY);
        state = fromPack();
        dirty = false;
        savedAt = null;
        showAll();
        notice.hidden = true;
      } }));
  } else if (!storage) notify(T('no_storage'), 'warn');
  showAll();

  // Scrolled-to clauses start below the bar, whatever its height.
  const barHeight = () => document.documentElement.style.setProperty('--bar', bar.offsetHeight + 'px');
  if (window.ResizeObserver) new ResizeObserver(barHeight).observe(bar); else barHeight();
  document.addEventListener('keydown', onKey);
  document.addEventListener('focusin', (ev) => {
    const a = ev.target.closest && ev.target.closest('.clause');
    if (a) current = a.dataset.id;
  });
  window.addEventListener('beforeunload', (ev) => {
    if (!dirty) return undefined;
    ev.preventDefault();
    ev.returnValue = '';
    return '';
  });
  // On paper "why this rule exists" is shown; the other details are left out (print CSS).
  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = [...document.querySelectorAll('details.why:not([open])')];
    closed.forEach((d) => { d.open = true; });
  });
  window.addEventListener('afterprint', () => { closed.forEach((d) => { d.open = false; }); closed = []; });
}());
