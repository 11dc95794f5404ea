// Snowball Russian stemmer, as in rust-stemmers 1.2.0. Expects ё already
// replaced by е. All endings are removed inside RV (after the first vowel).
(self.folioStemmers = self.folioStemmers || {}).ru = function (word) {
  var m = /[аеиоуыэюя]/.exec(word);
  if (!m) return word;
  var pv = m.index + 1;
  var head = word.slice(0, pv);
  var w = word.slice(pv);
  // R2 as an offset into w: past the first non-vowel, vowel(s), non-vowel.
  m = /[^аеиоуыэюя][аеиоуыэюя]+[^аеиоуыэюя]/u.exec(w);
  var p2 = m ? m.index + m[0].length : w.length;

  // Longest ending of w among group 1 (kept only after а or я) and group 2.
  // Returns true if one was found and removed.
  var strip = function (g1, g2) {
    var s = new RegExp('(' + (g1 ? g1 + '|' : '') + g2 + ')$').exec(w);
    if (!s) return false;
    var at = s.index;
    if (g1 && new RegExp('^(' + g1 + ')$').test(s[0]) && !/[ая]$/.test(w.slice(0, at))) return false;
    w = w.slice(0, at);
    return true;
  };

  if (!strip('в|вши|вшись', 'ив|ивши|ившись|ыв|ывши|ывшись')) {
    strip('', 'ся|сь');
    if (strip('', 'ее|ие|ые|ое|ими|ыми|ей|ий|ый|ой|ем|им|ым|ом|его|ого|ему|ому|их|ых|ую|юю|ая|яя|ою|ею')) {
      strip('ем|нн|вш|ющ|щ', 'ивш|ывш|ующ');
    } else if (!strip('ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно',
      'ила|ыла|ена|ейте|уйте|ите|или|ыли|ей|уй|ил|ыл|им|ым|ен|ило|ыло|ено|ят|ует|уют|ит|ыт|ены|ить|ыть|ишь|ую|ю')) {
      strip('', 'а|ев|ов|ие|ье|е|иями|ями|ами|еи|ии|и|ией|ей|ой|ий|й|иям|ям|ием|ем|ам|ом|о|у|ах|иях|ях|ы|ь|ию|ью|ю|ия|ья|я');
    }
  }
  w = w.replace(/и$/, '');
  m = /ость?$/.exec(w);
  if (m && m.index >= p2) w = w.slice(0, m.index);
  if (/ейше?$/.test(w)) w = w.replace(/ейше?$/, '').replace(/нн$/, 'н');
  else w = w.replace(/нн$/, 'н').replace(/ь$/, '');
  return head + w;
};
