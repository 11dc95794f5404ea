// Snowball German stemmer, as in rust-stemmers 1.2.0 (the 2009 algorithm,
// without the ae/oe/ue rule). p1/p2 are the starts of regions R1/R2.
(self.folioStemmers = self.folioStemmers || {}).de = function (w) {
  var len = function (s) { return Array.from(s).length; };
  w = w.replace(/ß/g, 'ss')
    .replace(/([aeiouyäöü])([uy])(?=[aeiouyäöü])/g, function (m, v, c) {
      return v + c.toUpperCase();
    });
  var regionAfter = function (from) {
    var re = /[aeiouyäöü][^aeiouyäöü]/gu;
    re.lastIndex = from;
    var m = re.exec(w);
    return m ? m.index + m[0].length : w.length;
  };
  var p1 = w.length, p2 = w.length;
  if (len(w) >= 3) {
    p1 = regionAfter(0);
    p2 = p1 < w.length ? regionAfter(p1) : w.length;
    var x = Array.from(w).slice(0, 3).join('').length;
    if (p1 < x) p1 = x;
  }
  // Longest suffix of w among keys; null if none.
  var suffix = function (keys) {
    var m = new RegExp('(' + keys + ')$').exec(w);
    return m ? m[0] : null;
  };
  var start = function (s) { return w.length - s.length; };
  var del = function (s) { w = w.slice(0, start(s)); };
  var s;

  s = suffix('em|ern|er|e|en|es|s');
  if (s && start(s) >= p1) {
    if (s[0] === 'e') {
      del(s);
      if (s !== 'em' && s !== 'er' && s !== 'ern' && /niss$/.test(w)) del('s');
    } else if (/[bdfghklmnrt]$/.test(w.slice(0, -1))) del(s);
  }
  s = suffix('en|er|est|st');
  if (s && start(s) >= p1) {
    if (s !== 'st') del(s);
    else if (/[bdfghklmnt]$/.test(w.slice(0, -2)) && len(w) >= 6) del(s);
  }
  s = suffix('end|ung|ig|ik|isch|lich|heit|keit');
  if (s && start(s) >= p2) {
    if (s === 'end' || s === 'ung') {
      del(s);
      if (/[^e]ig$/.test(w) && start('ig') >= p2) del('ig');
    } else if (s === 'ig' || s === 'ik' || s === 'isch') {
      if (w[start(s) - 1] !== 'e') del(s);
    } else if (s === 'lich' || s === 'heit') {
      del(s);
      if (/e[rn]$/.test(w) && start('er') >= p1) del('er');
    } else {
      del(s);
      s = suffix('lich|ig');
      if (s && start(s) >= p2) del(s);
    }
  }
  return w.replace(/[YUäöü]/g, function (c) {
    return { Y: 'y', U: 'u', ä: 'a', ö: 'o', ü: 'u' }[c];
  });
};
