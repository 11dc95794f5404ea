// Snowball Spanish stemmer, as in rust-stemmers 1.2.0. pV, p1 and p2 are the
// starts of regions RV, R1 and R2.
(self.folioStemmers = self.folioStemmers || {}).es = function (w) {
  var V = 'aeiouáéíóúü';
  var isV = function (c) { return !!c && V.indexOf(c) >= 0; };
  var plain = function (s) {
    return s.replace(/[áéíóú]/g, function (c) { return 'aeiou'['áéíóú'.indexOf(c)]; });
  };
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
    var re = /[aeiouáéíóúü][^aeiouáéíóúü]/gu;
    re.lastIndex = from;
    var r = re.exec(w);
    return r ? r.index + r[0].length : L;
  };
  var p1 = regionAfter(0), p2 = p1 < L ? regionAfter(p1) : L;

  // Longest suffix of w (or of w up to `end`) among keys; null if none.
  var suffix = function (keys, end) {
    var r = new RegExp('(' + keys + ')$').exec(w.slice(0, end));
    return r ? r[0] : null;
  };
  var start = function (s) { return w.length - s.length; };
  var cut = function (s, t) { w = w.slice(0, start(s)) + (t || ''); return true; };
  var R = function (p, s) { return start(s) >= p; };
  var tail = function (s) { if (w.slice(-s.length) === s && R(p2, s)) cut(s); };

  // Attached pronoun after a verb form.
  var pr = suffix('me|se|sela|selo|selas|selos|la|le|lo|las|les|los|nos');
  if (pr) {
    var vb = suffix('iéndo|ándo|ár|ér|ír|ando|iendo|ar|er|ir|yendo', start(pr));
    if (vb && start(pr) - vb.length >= pV) {
      if (/[áéí]/.test(vb)) cut(vb + pr, plain(vb));
      else if (vb !== 'yendo' || w[start(pr) - 6] === 'u') cut(pr);
    }
  }

  var standard = function () {
    var s = suffix('anzas?|icos?|icas?|ismos?|ables?|ibles?|istas?|osos?|osas?|amientos?|' +
      'imientos?|adoras?|ador|ación|adores|aciones|antes?|ancias?|logías?|ución|uciones|' +
      'encias?|amente|mente|idad|idades|ivas?|ivos?');
    if (!s) return false;
    if (s === 'amente') {
      if (!R(p1, s)) return false;
      cut(s);
      var t = suffix('iv|os|ic|ad');
      if (t && R(p2, t)) { cut(t); if (t === 'iv') tail('at'); }
      return true;
    }
    if (!R(p2, s)) return false;
    if (/^log/.test(s)) return cut(s, 'log');
    if (/^uci/.test(s)) return cut(s, 'u');
    if (/^enci/.test(s)) return cut(s, 'ente');
    cut(s);
    if (/^(ador|aci|ant|anci)/.test(s)) tail('ic');
    else if (s === 'mente') { t = suffix('ante|able|ible'); if (t) tail(t); }
    else if (/^idad/.test(s)) { t = suffix('abil|ic|iv'); if (t) tail(t); }
    else if (/^iv/.test(s)) tail('at');
    return true;
  };
  // Longest suffix among keys lying inside RV.
  var rv = function (keys) {
    var r = new RegExp('(' + keys + ')$').exec(w.slice(pV));
    return r ? r[0] : null;
  };

  if (!standard()) {
    var s = rv('ya|ye|yan|yen|yeron|yendo|yo|yó|yas|yes|yais|yamos');
    if (s && w[start(s) - 1] === 'u') cut(s);
    else if ((s = rv('en|es|éis|emos|arían|arías|arán|arás|aríais|aría|aréis|aríamos|aremos|' +
      'ará|aré|erían|erías|erán|erás|eríais|ería|eréis|eríamos|eremos|erá|eré|irían|irías|' +
      'irán|irás|iríais|iría|iréis|iríamos|iremos|irá|iré|aba|ada|ida|ía|ara|iera|ad|ed|id|' +
      'ase|iese|aste|iste|an|aban|ían|aran|ieran|asen|iesen|aron|ieron|ado|ido|ando|iendo|' +
      'ió|ar|er|ir|as|abas|adas|idas|ías|aras|ieras|ases|ieses|ís|áis|abais|íais|arais|' +
      'ierais|aseis|ieseis|asteis|isteis|ados|idos|amos|ábamos|íamos|imos|áramos|iéramos|' +
      'iésemos|ásemos'))) {
      cut(s);
      if (/^(en|es|éis|emos)$/.test(s) && /gu$/.test(w)) cut('u');
    }
  }
  s = suffix('os|a|o|á|í|ó|e|é');
  if (s && R(pV, s)) {
    cut(s);
    if (/^[eé]$/.test(s) && /gu$/.test(w) && R(pV, 'u')) cut('u');
  }
  return plain(w);
};
