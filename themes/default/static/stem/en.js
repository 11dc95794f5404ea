// Snowball English (Porter2) stemmer, as in rust-stemmers 1.2.0.
// Positions are string offsets; p1/p2 are the starts of regions R1/R2.
(self.folioStemmers = self.folioStemmers || {}).en = function (w) {
  var EX = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
    idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli',
    singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
    cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };
  if (EX.hasOwnProperty(w)) return EX[w];
  var len = function (s) { return Array.from(s).length; };
  if (len(w) < 3) return w;
  var V = /[aeiouy]/;
  // Longest suffix of the current word among the keys of a table.
  var suffix = function (keys) {
    var m = new RegExp('(' + keys + ')$').exec(w);
    return m ? m[0] : null;
  };
  var cut = function (s, r) { w = w.slice(0, w.length - s.length) + r; };
  var shortv = function (s) {
    return /[^aeiouy][aeiouy][^aeiouywxY]$|^[aeiouy][^aeiouy]$/u.test(s);
  };
  var regionAfter = function (from) {
    var re = /[aeiouy][^aeiouy]/gu;
    re.lastIndex = from;
    var m = re.exec(w);
    return m ? m.index + m[0].length : w.length;
  };

  if (w[0] === "'") w = w.slice(1);
  var before = w;
  w = w.replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
  var yFound = w !== before;

  var g = /^(gener|commun|arsen)/.exec(w);
  var p1 = g ? g[0].length : regionAfter(0);
  var p2 = p1 < w.length ? regionAfter(p1) : w.length;
  var start = function (s) { return w.length - s.length; };
  var s, r;

  // Step 1a
  s = suffix("'s'|'s|'");
  if (s) cut(s, '');
  s = suffix('sses|ied|ies|us|ss|s');
  if (s === 'sses') cut(s, 'ss');
  else if (s === 'ied' || s === 'ies') cut(s, len(w) > 4 ? 'i' : 'ie');
  else if (s === 's' && V.test(w.slice(0, -2))) cut(s, '');

  if (!/^(inning|outing|canning|herring|earring|proceed|exceed|succeed)$/.test(w)) {
    // Step 1b
    s = suffix('eedly|eed|edly|ed|ingly|ing');
    if (s === 'eed' || s === 'eedly') {
      if (start(s) >= p1) cut(s, 'ee');
    } else if (s && V.test(w.slice(0, start(s)))) {
      cut(s, '');
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      else if (w.length === p1 && shortv(w)) w += 'e';
    }
    // Step 1c
    var c = /[^aeiouy][yY]$/u.exec(w);
    if (c && c.index > 0) cut('y', 'i');
    // Step 2
    var S2 = {
      tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent',
      izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate',
      alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
      ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble',
      ogi: 'og', fulli: 'ful', lessli: 'less', li: ''
    };
    s = suffix(Object.keys(S2).join('|'));
    if (s && start(s) >= p1) {
      r = w[start(s) - 1];
      if (s === 'ogi' ? r === 'l' : s !== 'li' || /[cdeghkmnrt]/.test(r)) cut(s, S2[s]);
    }
    // Step 3
    var S3 = {
      tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic',
      ical: 'ic', ful: '', ness: '', ative: ''
    };
    s = suffix(Object.keys(S3).join('|'));
    if (s && start(s) >= p1 && (s !== 'ative' || start(s) >= p2)) cut(s, S3[s]);
    // Step 4
    s = suffix('al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ism|ate|iti|ous|ive|ize|ion');
    if (s && start(s) >= p2 && (s !== 'ion' || /[st]/.test(w[start(s) - 1]))) cut(s, '');
    // Step 5
    if (/e$/.test(w)) {
      if (w.length - 1 >= p2 || (w.length - 1 >= p1 && !shortv(w.slice(0, -1)))) cut('e', '');
    } else if (/ll$/.test(w) && w.length - 1 >= p2) cut('l', '');
  }
  return yFound ? w.replace(/Y/g, 'y') : w;
};
