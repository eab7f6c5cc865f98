/**
 * Everyday words people use about moving, staying and paperwork, with their equivalents in English, Dutch,
 * French and German. Skills are written in English with official terms glossed in NL/FR/DE, so a Dutch
 * "verhuizen", a French "quitter" or a German "Ehefrau" would otherwise only meet the few skills whose aliases
 * happen to hold that very word. Each line is one meaning: the English words the skills are written in, `|`,
 * then the same meaning in NL, FR and DE. A query word on a line also matches the English words of that line (at a
 * lower weight than itself); it is not sent to the other languages, whose words are rare in the skills and would
 * weigh more than they mean. General language only: no procedure, document or skill names,
 * which come from the skills' own aliases.
 */
export const EVERYDAY_WORDS: readonly string[] = [
  // going and coming
  'leave leaving | verlaten vertrekken vertrek quitter partir pars départ verlassen wegziehen wegzug ausreise emigrate emigrating emigration emigreren emigratie émigrer émigration auswandern auswanderung',
  'abroad | buitenland étranger ausland',
  'move moving moved | verhuizen verhuis verhuisd déménager déménage déménagement umziehen umzug',
  'arrive arrived arriving arrival | aankomen aangekomen aankomst arriver arrivé arrivée ankommen angekommen ankunft',
  'come coming | komen kom venir viens kommen komme',
  'return | terugkeer terugkeren terugkomen retour revenir rentrer rückkehr zurückkehren zurückkommen',
  'stay staying | verblijf verblijven blijven séjour séjourner rester aufenthalt bleiben',
  'visit visiting visitor | bezoek bezoeken bezoeker visite visiter visiteur besuch besuchen besucher',
  'tourist tourism | toerist toerisme touriste tourisme tourismus',
  'live living settle | reside wonen woon vestigen habiter vivre vivons résider installer installe wohnen lebe leben niederlassen',
  // people
  'spouse wife husband | echtgenoot echtgenote épouse époux mari conjoint conjointe ehefrau ehemann ehepartner ehegatte',
  'partner | partenaire lebenspartner',
  'married marriage marry | huwelijk trouwen getrouwd gehuwd mariage marié mariée épouser ehe heirat heiraten verheiratet',
  'child children | kind kinderen enfant enfants kinder',
  'parent parents mother father | ouder ouders moeder vader mère père eltern mutter vater',
  'family | familie gezin famille sister brother zus broer sœur frère schwester bruder',
  'citizen | burger citoyen bürger',
  'newcomer | nieuwkomer primo-arrivant primo-arrivants neuankömmling zuwanderer',
  // work and study
  'work working job | werk werken baan travail travailler emploi arbeit arbeiten stelle',
  'employer | werkgever employeur arbeitgeber',
  'study studies student | studeren studie studies étudier études étudiant studieren studium',
  // cards and papers
  'card | kaart carte karte',
  'expire expired expires expiry | verlopen verloopt vervallen vervalt vervaldatum expirer expire expiré expiration ablaufen abgelaufen',
  'renew renewal extend | vernieuwen vernieuwing verlengen verlenging renouveler renouvellement prolonger prolongation verlängern verlängerung erneuern erneuerung',
  'lost lose | verloren kwijt verlies perdu perdre perte verlust',
  'stolen theft | gestolen diefstal volé gestohlen diebstahl',
  'passport | paspoort passeport reisepass',
  'certificate | attest getuigschrift attestation certificat bescheinigung',
  'translate translation translator | vertalen vertaling vertaler traduire traduction traducteur übersetzen übersetzung übersetzer',
  'birth | geboorte naissance geburt',
  // the commune and the state
  'register registration | inschrijven inschrijving aanmelden inscrire inscription enregistrement anmelden anmeldung registrieren',
  'deregister | uitschrijven afmelden désinscrire abmelden abmeldung',
  'address | adres adresse',
  'municipality commune | town townhall gemeente gemeentehuis stadhuis mairie gemeinde rathaus',
  'formality formalities | paperwork formaliteit formaliteiten formalité formalités démarche démarches formalität formalitäten',
  'police | politie polizei',
  'fine | boete amende bußgeld geldstrafe',
  'fee cost price | kosten prijs frais coût prix gebühr',
  'appointment | afspraak rendez-vous termin',
  'refusal refused | weigering geweigerd refus refusé ablehnung abgelehnt',
  'appeal | beroep recours beschwerde widerspruch',
  'nationality citizenship | nationaliteit nationalité citoyenneté staatsangehörigkeit staatsbürgerschaft',
  'naturalisation naturalization | naturalisatie naturalisation einbürgerung',
  'become | worden devenir werden',
  // health and driving
  'insurance insured | verzekering verzekerd assurance assuré versicherung versichert',
  'health | gezondheid santé gesundheit',
  'doctor | dokter huisarts médecin arzt',
  'sick ill | ziek malade krank',
  'reimburse reimbursed reimbursement | terugbetalen terugbetaald terugbetaling rembourser remboursé remboursement erstatten erstattung',
  'licence license | rijbewijs führerschein',
  'drive driving | rijden conduire fahren',
  'exchange swap | omwisselen omruilen omwisseling échanger échange umtauschen umtausch umschreiben',
  // integration
  'integration | inburgering intégration',
  'course lessons | cursus lessen cours formation kurs unterricht',
  'language | taal langue sprache',
  // time
  'soon | binnenkort bientôt bald',
  'week weeks | weken semaine semaines woche wochen',
  'month months | maand maanden mois monat monate',
  'year years | jaar jaren année années jahr jahre',
  'temporary | tijdelijk temporaire vorübergehend',
];
