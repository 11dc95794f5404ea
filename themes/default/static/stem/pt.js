// Snowball Portuguese stemmer, as in rust-stemmers 1.2.0. ã and õ are worked
// on as a~ and o~. pV, p1 and p2 are the starts of regions RV, R1 and R2.
(self.folioStemmers = self.folioStemmers || {}).pt = function (word) {
  var V = 'aeiouáéíóúâêô';
  var isV = function (c) { return !!c && V.indexOf(c) >= 0; };
  var w = word.replace(/ã/g, 'a~').replace(/õ/g, 'o~');
  // RV is found on characters (a word may hold a non-BMP one), then mapped to
  // a string offset.
  var cs = Array.from(w), n = cs.length, pV = n, i;
  // Index just past the first char at or after `from` that is (or is not) a vowel.
  var past = function (from, vowel) {
    for (var j = from; j < n; j++) if (isV(cs[j]) === vowel) return j + 1;
    return -1;
  };
  if (n > 1) {
    if (isV(cs[0])) i = isV(cs[1]) ? past(2, false) : past(2, true);
    else i = isV(cs[1]) ? (n > 2 ? 3 : -1) : past(2, true);
    if (i > 0) pV = i;
  }
  pV = cs.slice(0, pV).join('').length;
  var L = w.length;
  var regionAfter = function (from) {
    var re = /[aeiouáéíóúâêô][^aeiouáéíóúâêô]/gu;
    re.lastIndex = from;
    var r = re.exec(w);
    return r ? r.index + r[0].length : L;
  };
  var p1 = regionAfter(0), p2 = p1 < L ? regionAfter(p1) : L;

  // Longest suffix of w (of w from `from`) among keys; null if none.
  var suffix = function (keys, from) {
    var r = new RegExp('(' + keys + ')$').exec(w.slice(from || 0));
    return r ? r[0] : null;
  };
  var start = function (s) { return w.length - s.length; };
  var cut = function (s, t) { w = w.slice(0, start(s)) + (t || ''); return true; };
  var R = function (p, s) { return start(s) >= p; };
  var tail = function (s) { if (w.slice(-s.length) === s && R(p2, s)) cut(s); };

  var standard = function () {
    var s = suffix('ezas?|icos?|icas?|ismos?|ável|ível|istas?|osos?|osas?|amentos?|imentos?|' +
      'adoras?|ador|aça~o|adores|aço~es|antes?|ância|logias?|uça~o|uço~es|ências?|amente|' +
      'mente|idades?|ivas?|ivos?|iras?');
    if (!s) return false;
    if (s === 'amente') {
      if (!R(p1, s)) return false;
      cut(s);
      var t = suffix('iv|os|ic|ad');
      if (t && R(p2, t)) { cut(t); if (t === 'iv') tail('at'); }
      return true;
    }
    if (/^ira/.test(s)) return R(pV, s) && w[start(s) - 1] === 'e' && cut(s, 'ir');
    if (!R(p2, s)) return false;
    if (/^log/.test(s)) return cut(s, 'log');
    if (/^uç/.test(s)) return cut(s, 'u');
    if (/^ênci/.test(s)) return cut(s, 'ente');
    cut(s);
    if (s === 'mente') { t = suffix('ante|avel|ível'); if (t) tail(t); }
    else if (/^idade/.test(s)) { t = suffix('abil|ic|iv'); if (t) tail(t); }
    else if (/^iv/.test(s)) tail('at');
    return true;
  };
  var verb = function () {
    var s = suffix('ada|ida|ia|aria|eria|iria|ará|ara|erá|era|irá|ava|asse|esse|isse|aste|' +
      'este|iste|ei|arei|erei|irei|am|iam|ariam|eriam|iriam|aram|eram|iram|avam|em|arem|' +
      'erem|irem|assem|essem|issem|ado|ido|ando|endo|indo|ara~o|era~o|ira~o|ar|er|ir|as|' +
      'adas|idas|ias|arias|erias|irias|arás|aras|erás|eras|irás|avas|es|ardes|erdes|irdes|' +
      'ares|eres|ires|asses|esses|isses|astes|estes|istes|is|ais|eis|íeis|aríeis|eríeis|' +
      'iríeis|áreis|areis|éreis|ereis|íreis|ireis|ásseis|ésseis|ísseis|áveis|ados|idos|' +
      'ámos|amos|íamos|aríamos|eríamos|iríamos|áramos|éramos|íramos|ávamos|emos|aremos|' +
      'eremos|iremos|ássemos|êssemos|íssemos|imos|armos|ermos|irmos|eu|iu|ou|ira|iras', pV);
    return !!s && cut(s);
  };

  if (standard() || verb()) {
    if (/ci$/.test(w) && R(pV, 'i')) cut('i');
  } else {
    var s = suffix('os|a|i|o|á|í|ó');
    if (s && R(pV, s)) cut(s);
  }
  s = suffix('e|é|ê|ç');
  if (s === 'ç') cut(s, 'c');
  else if (s && R(pV, s)) {
    cut(s);
    if (/(gu|ci)$/.test(w) && R(pV, 'u')) cut('u');
  }
  return w.replace(/a~/g, 'ã').replace(/o~/g, 'õ');
};
