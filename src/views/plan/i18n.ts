/**
 * The plan view's own words in English, Dutch, French and German. Procedure texts (titles, rules, documents,
 * stages) are shown as the skills write them; only the labels around them change with the language.
 */

export const LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Strings {
  title: string;
  /** The colon after a label, with the language's spacing (French puts a no-break space before it). */
  colon: string;
  loading: string;
  noHost: string;
  unreadable: string;
  toolError: string;
  cancelled: string;
  exempt: string;
  outOfScope: string;
  document: string;
  deadline: string;
  safe: string;
  opens: string;
  closes: string;
  arrival: string;
  today: string;
  holiday: string;
  sources: string;
  contested: string;
  contestedHere: string;
  otherContested: string;
  calendar: string;
  legend: string;
  documents: string;
  ready: (done: number, total: number) => string;
  stages: string;
  current: string;
  /** Hidden suffix of a stage's button, so its name says what pressing it does. */
  setCurrent: string;
  walk: (n: number, title: string) => string;
  walkMessage: (n: number, title: string, skill: string, procedure: string) => string;
  allStages: string;
  sent: string;
  notSent: string;
  addToCalendar: string;
  calendarReady: string;
  calendarFailed: string;
  needs: string;
  notes: string;
  icsName: string;
  icsSafeNote: (date: string) => string;
  icsSources: string;
  icsDocument: string;
}

const en: Strings = {
  colon: ':',
  title: 'Your plan',
  loading: 'Loading your plan…',
  noHost: 'This page shows a plan inside an assistant that supports MCP Apps; open it from there.',
  unreadable: 'This answer cannot be shown as a plan. Here is the text the server sent:',
  toolError: 'The server could not answer:',
  cancelled: 'The request was cancelled before an answer came.',
  exempt: 'No procedure needed',
  outOfScope: 'Not covered here',
  document: 'Document',
  deadline: 'Last day (legal date)',
  safe: 'Safe date',
  opens: 'Window opens',
  closes: 'Window closes',
  arrival: 'Arrival',
  today: 'Today',
  holiday: 'Public holiday',
  sources: 'Sources',
  contested: 'Contested',
  contestedHere: 'Sources disagree on a point that affects this date',
  otherContested: 'Other contested points',
  calendar: 'Calendar',
  legend: 'Legend',
  documents: 'What to bring',
  ready: (done, total) => `${done} of ${total} ready`,
  stages: 'Stages',
  current: 'You are here',
  setCurrent: 'mark as the stage I am at',
  walk: (n, title) => `Walk me through stage ${n}: ${title}`,
  walkMessage: (n, title, skill, procedure) => `Please walk me through stage ${n} (“${title}”) of ${procedure}, skill ${skill}.`,
  allStages: 'You have reached the last stage.',
  sent: 'Asked the assistant.',
  notSent: 'The assistant could not be asked from here; copy the stage title into the chat instead.',
  addToCalendar: 'Add to calendar',
  calendarReady: 'Calendar file offered.',
  calendarFailed: 'The calendar file could not be offered here.',
  needs: 'Still needed for a precise answer',
  notes: 'Notes',
  icsName: 'Commune procedures',
  icsSafeNote: (d) => `Safe date: ${d}`,
  icsSources: 'Sources',
  icsDocument: 'Document',
};

const nl: Strings = {
  colon: ':',
  title: 'Uw plan',
  loading: 'Uw plan wordt geladen…',
  noHost: 'Deze pagina toont een plan in een assistent die MCP Apps ondersteunt; open ze daar.',
  unreadable: 'Dit antwoord kan niet als plan getoond worden. Dit is de tekst die de server stuurde:',
  toolError: 'De server kon niet antwoorden:',
  cancelled: 'De vraag werd geannuleerd voor er een antwoord kwam.',
  exempt: 'Geen procedure nodig',
  outOfScope: 'Hier niet behandeld',
  document: 'Document',
  deadline: 'Laatste dag (wettelijke datum)',
  safe: 'Veilige datum',
  opens: 'Periode begint',
  closes: 'Periode eindigt',
  arrival: 'Aankomst',
  today: 'Vandaag',
  holiday: 'Feestdag',
  sources: 'Bronnen',
  contested: 'Betwist',
  contestedHere: 'Bronnen zijn het oneens over een punt dat deze datum raakt',
  otherContested: 'Andere betwiste punten',
  calendar: 'Kalender',
  legend: 'Legende',
  documents: 'Wat meebrengen',
  ready: (done, total) => `${done} van ${total} klaar`,
  stages: 'Stappen',
  current: 'U bent hier',
  setCurrent: 'markeer als de stap waar ik ben',
  walk: (n, title) => `Begeleid me door stap ${n}: ${title}`,
  walkMessage: (n, title, skill, procedure) => `Begeleid me door stap ${n} („${title}”) van ${procedure}, skill ${skill}.`,
  allStages: 'U bent bij de laatste stap.',
  sent: 'Gevraagd aan de assistent.',
  notSent: 'De assistent kon van hieruit niet gevraagd worden; kopieer de titel van de stap in het gesprek.',
  addToCalendar: 'Toevoegen aan agenda',
  calendarReady: 'Agendabestand aangeboden.',
  calendarFailed: 'Het agendabestand kon hier niet aangeboden worden.',
  needs: 'Nog nodig voor een precies antwoord',
  notes: 'Opmerkingen',
  icsName: 'Gemeentelijke procedures',
  icsSafeNote: (d) => `Veilige datum: ${d}`,
  icsSources: 'Bronnen',
  icsDocument: 'Document',
};

const fr: Strings = {
  colon: '\u00a0:',
  title: 'Votre plan',
  loading: 'Chargement de votre plan…',
  noHost: 'Cette page affiche un plan dans un assistant qui prend en charge les MCP Apps ; ouvrez-la depuis celui-ci.',
  unreadable: 'Cette réponse ne peut pas être affichée comme un plan. Voici le texte envoyé par le serveur :',
  toolError: 'Le serveur n’a pas pu répondre :',
  cancelled: 'La demande a été annulée avant la réponse.',
  exempt: 'Aucune démarche nécessaire',
  outOfScope: 'Non couvert ici',
  document: 'Document',
  deadline: 'Dernier jour (date légale)',
  safe: 'Date sûre',
  opens: 'Début de la période',
  closes: 'Fin de la période',
  arrival: 'Arrivée',
  today: 'Aujourd’hui',
  holiday: 'Jour férié',
  sources: 'Sources',
  contested: 'Contesté',
  contestedHere: 'Les sources divergent sur un point qui touche cette date',
  otherContested: 'Autres points contestés',
  calendar: 'Calendrier',
  legend: 'Légende',
  documents: 'À apporter',
  ready: (done, total) => `${done} sur ${total} prêts`,
  stages: 'Étapes',
  current: 'Vous êtes ici',
  setCurrent: 'marquer comme l’étape où j’en suis',
  walk: (n, title) => `Guidez-moi pour l’étape ${n}\u00a0: ${title}`,
  walkMessage: (n, title, skill, procedure) => `Guidez-moi pour l’étape ${n} (« ${title} ») de ${procedure}, skill ${skill}.`,
  allStages: 'Vous êtes à la dernière étape.',
  sent: 'Demandé à l’assistant.',
  notSent: 'L’assistant n’a pas pu être sollicité d’ici ; copiez le titre de l’étape dans la conversation.',
  addToCalendar: 'Ajouter au calendrier',
  calendarReady: 'Fichier de calendrier proposé.',
  calendarFailed: 'Le fichier de calendrier n’a pas pu être proposé ici.',
  needs: 'Encore nécessaire pour une réponse précise',
  notes: 'Remarques',
  icsName: 'Démarches communales',
  icsSafeNote: (d) => `Date sûre\u00a0: ${d}`,
  icsSources: 'Sources',
  icsDocument: 'Document',
};

const de: Strings = {
  colon: ':',
  title: 'Ihr Plan',
  loading: 'Ihr Plan wird geladen…',
  noHost: 'Diese Seite zeigt einen Plan in einem Assistenten, der MCP Apps unterstützt; öffnen Sie sie dort.',
  unreadable: 'Diese Antwort kann nicht als Plan angezeigt werden. Hier ist der Text, den der Server gesendet hat:',
  toolError: 'Der Server konnte nicht antworten:',
  cancelled: 'Die Anfrage wurde abgebrochen, bevor eine Antwort kam.',
  exempt: 'Kein Verfahren nötig',
  outOfScope: 'Hier nicht behandelt',
  document: 'Dokument',
  deadline: 'Letzter Tag (gesetzliche Frist)',
  safe: 'Sicheres Datum',
  opens: 'Zeitraum beginnt',
  closes: 'Zeitraum endet',
  arrival: 'Ankunft',
  today: 'Heute',
  holiday: 'Feiertag',
  sources: 'Quellen',
  contested: 'Umstritten',
  contestedHere: 'Die Quellen widersprechen sich in einem Punkt, der dieses Datum betrifft',
  otherContested: 'Weitere umstrittene Punkte',
  calendar: 'Kalender',
  legend: 'Legende',
  documents: 'Mitzubringen',
  ready: (done, total) => `${done} von ${total} bereit`,
  stages: 'Schritte',
  current: 'Sie sind hier',
  setCurrent: 'als meinen aktuellen Schritt markieren',
  walk: (n, title) => `Führen Sie mich durch Schritt ${n}: ${title}`,
  walkMessage: (n, title, skill, procedure) => `Bitte führen Sie mich durch Schritt ${n} („${title}“) von ${procedure}, Skill ${skill}.`,
  allStages: 'Sie sind beim letzten Schritt.',
  sent: 'Den Assistenten gefragt.',
  notSent: 'Der Assistent konnte von hier aus nicht gefragt werden; kopieren Sie den Titel des Schritts in den Chat.',
  addToCalendar: 'Zum Kalender hinzufügen',
  calendarReady: 'Kalenderdatei angeboten.',
  calendarFailed: 'Die Kalenderdatei konnte hier nicht angeboten werden.',
  needs: 'Noch nötig für eine genaue Antwort',
  notes: 'Hinweise',
  icsName: 'Verfahren bei der Gemeinde',
  icsSafeNote: (d) => `Sicheres Datum: ${d}`,
  icsSources: 'Quellen',
  icsDocument: 'Dokument',
};

export const STRINGS: Readonly<Record<Language, Strings>> = { en, nl, fr, de };

/**
 * The view language for a BCP 47 tag (`nl-BE` → `nl`), or for the first supported one in an `Accept-Language`
 * list; English when none is supported.
 */
export function pickLanguage(tags: string | undefined): Language {
  for (const part of (tags ?? '').split(',')) {
    const primary = part.split(';')[0]!.trim().toLowerCase().split(/[-_]/)[0]!;
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  }
  return 'en';
}

/** German names of the federal public holidays (the holiday table carries English, French and Dutch). */
const HOLIDAYS_DE: Readonly<Record<string, string>> = {
  "New Year's Day": 'Neujahr',
  'Easter Monday': 'Ostermontag',
  'Labour Day': 'Tag der Arbeit',
  'Ascension Day': 'Christi Himmelfahrt',
  'Whit Monday': 'Pfingstmontag',
  'National Day': 'Nationalfeiertag',
  'Assumption Day': 'Mariä Himmelfahrt',
  "All Saints' Day": 'Allerheiligen',
  'Armistice Day': 'Waffenstillstand',
  'Christmas Day': 'Weihnachten',
};

/** A holiday's name in the view language. */
export function holidayName(holiday: { name: string; name_fr: string; name_nl: string }, lang: Language): string {
  if (lang === 'fr') return holiday.name_fr;
  if (lang === 'nl') return holiday.name_nl;
  if (lang === 'de') return HOLIDAYS_DE[holiday.name] ?? holiday.name;
  return holiday.name;
}

/** Label of a date kind in the view language. */
export function dateLabel(kind: 'deadline' | 'safe' | 'opens' | 'closes', lang: Language): string {
  return STRINGS[lang][kind];
}
