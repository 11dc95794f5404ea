// Snowball French stemmer, as in rust-stemmers 1.2.0. pV, p1 and p2 are the
// starts of regions RV, R1 and R2; u, i, y kept as consonants are U, I, Y.
(self.folioStemmers = self.folioStemmers || {}).fr = function (word) {
  var V = 'aeiouyâàëéêèïîôûù';
  var isV = function (c) { return !!c && V.indexOf(c) >= 0; };
  var a = word.split('');
  for (var i = 0; i < a.length; i++) {
    var n = a[i + 1];
    if (isV(a[i]) && ((n === 'u' || n === 'i') && isV(a[i + 2]) || n === 'y')) a[i + 1] = n.toUpperCase();
    else if (a[i] === 'y' && isV(n)) a[i] = 'Y';
    else if (a[i] === 'q' && n === 'u') a[i + 1] = 'U';
  }
  var w = a.join('');
  var L = w.length;
  var pV = L, m;
  if (isV(w[0]) && isV(w[1]) && L > 2 || /^(par|col|tap)/.test(w)) {
    pV = Array.from(w).slice(0, 3).join('').length;
  } else if ((m = /[aeiouyâàëéêèïîôûù]/.exec(w.slice(1)))) pV = m.index + 2;
  var NV = '[^' + V + ']';
  var regionAfter = function (from) {
    var re = new RegExp('[' + V + ']' + NV, 'gu');
    re.lastIndex = from;
    var r = re.exec(w);
    return r ? r.index + r[0].length : L;
  };
  var p1 = regionAfter(0), p2 = p1 < L ? regionAfter(p1) : L;

  // Longest suffix among keys lying at or after `from`; null if none.
  var suffix = function (keys, from) {
    var r = new RegExp('(' + keys + ')$').exec(w.slice(from || 0));
    return r ? r[0] : null;
  };
  var start = function (s) { return w.length - s.length; };
  var cut = function (s, t) { w = w.slice(0, start(s)) + (t || ''); return true; };
  var R = function (p, s) { return start(s) >= p; };
  // ['x'] R2 delete ... or <- 'y': the common tail of several rules.
  var tail = function (s, alt) {
    if (w.slice(-s.length) === s) R(p2, s) ? cut(s) : alt && cut(s, alt);
  };

  var standard = function () {
    var s = suffix('ances?|iqUes?|ismes?|ables?|istes?|eux|atrices?|ateurs?|ations?|logies?|' +
      'usions?|utions?|ences?|ements?|ités?|ifs?|ives?|eaux|aux|euses?|issements?|amment|emment|ments?');
    if (!s) return false;
    var b = s.replace(/s$/, '');
    if (/^(ance|iqUe|isme|able|iste|eux)$/.test(b)) return R(p2, s) && cut(s);
    if (/^(atrice|ateur|ation)$/.test(b)) return R(p2, s) && cut(s) && (tail('ic', 'iqU'), true);
    if (b === 'logie') return R(p2, s) && cut(s, 'log');
    if (b === 'usion' || b === 'ution') return R(p2, s) && cut(s, 'u');
    if (b === 'ence') return R(p2, s) && cut(s, 'ent');
    if (b === 'ement') {
      if (!R(pV, s)) return false;
      cut(s);
      var t = suffix('iv|eus|abl|iqU|ièr|Ièr');
      if (t === 'iv') { if (R(p2, t)) { cut(t); tail('at'); } }
      else if (t === 'eus') R(p2, t) ? cut(t) : R(p1, t) && cut(t, 'eux');
      else if (t === 'abl' || t === 'iqU') R(p2, t) && cut(t);
      else if (t) R(pV, t) && cut(t, 'i');
      return true;
    }
    if (b === 'ité') {
      if (!R(p2, s)) return false;
      cut(s);
      t = suffix('abil|ic|iv');
      if (t) R(p2, t) ? cut(t) : t !== 'iv' && cut(t, t === 'ic' ? 'iqU' : 'abl');
      return true;
    }
    if (/^(if|ive)$/.test(b)) {
      if (!R(p2, s)) return false;
      cut(s);
      if (/at$/.test(w) && R(p2, 'at')) { cut('at'); tail('ic', 'iqU'); }
      return true;
    }
    if (s === 'eaux') return cut(s, 'eau');
    if (s === 'aux') return R(p1, s) && cut(s, 'al');
    if (b === 'euse') return R(p2, s) ? cut(s) : R(p1, s) && cut(s, 'eux');
    if (b === 'issement') return R(p1, s) && !isV(w[start(s) - 1]) && !!w[start(s) - 1] && cut(s);
    if (s === 'amment' || s === 'emment') R(pV, s) && cut(s, s[0] + 'nt');
    else if (isV(w[start(s) - 1]) && start(s) > pV) cut(s);
    return false;
  };
  var iVerb = function () {
    var s = suffix('îmes|ît|îtes|i|ie|ies|ir|ira|irai|iraIent|irais|irait|iras|irent|irez|iriez|' +
      'irions|irons|iront|is|issaIent|issais|issait|issant|issante|issantes|issants|isse|' +
      'issent|isses|issez|issiez|issions|issons|it', pV);
    return !!s && start(s) > pV && !isV(w[start(s) - 1]) && cut(s);
  };
  var verb = function () {
    var s = suffix('ions|é|ée|ées|és|èrent|er|era|erai|eraIent|erais|erait|eras|erez|eriez|' +
      'erions|erons|eront|ez|iez|âmes|ât|âtes|a|ai|aIent|ais|ait|ant|ante|antes|ants|as|' +
      'asse|assent|asses|assiez|assions', pV);
    if (!s) return false;
    if (s === 'ions') return R(p2, s) && cut(s);
    cut(s);
    if (/^[âa]/.test(s) && /e$/.test(w) && w.length - 1 >= pV) cut('e');
    return true;
  };

  if (standard() || iVerb() || verb()) {
    if (/Y$/.test(w)) cut('Y', 'i');
    else if (/ç$/.test(w)) cut('ç', 'c');
  } else {
    if (/[^aiouès]s$/.test(w)) cut('s');
    var s = w.length >= pV && suffix('ion|ier|ière|Ier|Ière|e|ë', pV);
    if (s === 'ion') { if (R(p2, s) && /[st]$/.test(w.slice(pV, start(s)))) cut(s); }
    else if (s === 'ë') { if (/gu$/.test(w.slice(pV, start(s)))) cut(s); }
    else if (s === 'e') cut(s);
    else if (s) cut(s, 'i');
  }
  if (/(enn|onn|ett|ell|eill)$/.test(w)) w = w.slice(0, -1);
  w = w.replace(new RegExp('[éè](' + NV + '+)$'), 'e$1');
  return w.replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
};
