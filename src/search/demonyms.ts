/**
 * Nationality words that are not a country name with an ending ("French" is not "France" + an ending, "Pool" is
 * not "Polen" + one, "Franzose" is not "Frankreich" + one), in English, Dutch, French and German, masculine and
 * feminine, as nouns and adjectives. Every EU and EEA state and Switzerland is listed (their nationals follow
 * the free-movement procedures, so reading one as a third-country national would send a person to the wrong
 * skill), with the United Kingdom and the most frequent countries of origin whose words the regular endings
 * miss. Keyed by ISO 3166 alpha-2 code; the regime comes from the code. Folded (no accents), lower case.
 */
export const DEMONYMS: Readonly<Record<string, string>> = {
  AT: 'austrian oostenrijker oostenrijkse oostenrijks autrichien autrichienne osterreicher osterreicherin osterreichisch osterreichische',
  BG: 'bulgarian bulgaar bulgaarse bulgaars bulgare bulgare bulgarin bulgarisch',
  CY: 'cypriot cyprioot cypriotische chypriote zypriot zypriotin zyprer zyprerin',
  CZ: 'czech tsjech tsjechische tsjechisch tcheque tscheche tschechin tschechisch',
  DE: 'german duitser duitse duits allemand allemande deutscher deutsche deutsch',
  DK: 'danish dane deen deense dens danois danoise dane danin danisch',
  EE: 'estonian estse ests estonien estonienne estin estnisch',
  ES: 'spanish spaniard spanjaard spaanse spaans espagnol espagnole spanier spanierin spanisch',
  FI: 'finnish finn finse fins finlandais finlandaise finne finnin finnisch',
  FR: 'french frenchman frenchwoman fransman franse frans francais francaise franzose franzosin franzosisch',
  GR: 'greek griek griekse grieks grec grecque grieche griechin griechisch',
  HR: 'croatian croat kroaat kroatische kroatisch croate kroate kroatin',
  HU: 'hungarian hongaar hongaarse hongaars hongrois hongroise ungar ungarin ungarisch',
  IE: 'irish irishman irishwoman ier ierse iers irlandais irlandaise ire irin irisch',
  IT: 'italian italiaan italiaanse italiaans italien italienne italiener italienerin italienisch',
  LT: 'lithuanian litouwer litouwse litouws lituanien lituanienne litauer litauerin litauisch',
  LU: 'luxembourgish luxembourger luxemburger luxemburgse luxemburgs luxembourgeois luxembourgeoise luxemburgerin luxemburgisch',
  LV: 'latvian letse letton lettone lettin lettisch',
  MT: 'maltese maltees maltese maltais maltaise malteser malteserin maltesisch',
  NL: 'dutch dutchman dutchwoman nederlander nederlandse nederlands neerlandais neerlandaise hollandais hollandaise niederlander niederlanderin niederlandisch hollander hollanderin',
  PL: 'polish pole pool poolse pools polonais polonaise polin polnisch',
  PT: 'portuguese portugees portugese portugais portugaise portugiese portugiesin portugiesisch',
  RO: 'romanian roemeen roemeense roemeens roumain roumaine rumane ruman rumanin rumanisch',
  SE: 'swedish swede zweed zweedse zweeds suedois suedoise schwede schwedin schwedisch',
  SI: 'slovenian slovene sloveen sloveense sloveens slovene slowene slowenin slowenisch',
  SK: 'slovak slovakian slowaak slowaakse slowaaks slovaque slowake slowakin slowakisch',
  IS: 'icelandic icelander ijslander ijslandse ijslands islandais islandaise islander islanderin islandisch',
  LI: 'liechtensteiner liechtensteinse liechtensteinois liechtensteinoise liechtensteinerin',
  NO: 'norwegian noor noorse noors norvegien norvegienne norweger norwegerin norwegisch',
  CH: 'swiss zwitser zwitserse zwitsers suisse suissesse schweizer schweizerin',
  GB: 'british brit briton english englishman englishwoman scottish scot welsh brits britse engelsman engelse engels schot britannique anglais anglaise ecossais ecossaise gallois brite britin englander englanderin schotte schottin britisch englisch',
  TR: 'turk turkse turks turc turque turke turkin turkisch',
  MA: 'marokkaan marokkaanse marokkaans marokkaner marokkanerin marokkanisch',
  RU: 'rus russin russisch',
  AF: 'afghan afghaan afghaanse afghane afghanin',
  PH: 'filipino filipina filipijn filipijnse philippin philippine philippiner philippinerin',
  IN: 'inder inderin indisch',
  CN: 'chinees chinese chinois chinoise chinesin chinesisch',
};
