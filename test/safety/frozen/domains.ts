/**
 * Hosts that skills and observations may link to without review (rule R5), and hosts that are known
 * exfiltration callbacks. Kept as plain data so a maintainer can extend the list in one place; an entry
 * allows the domain itself and every subdomain (`ibz.be` allows `dofi.ibz.be`). The `.brussels` top-level domain is
 * open to anyone, so only named hosts under it are listed.
 */
export const OFFICIAL_DOMAINS: readonly string[] = [
  // Federal, regional and EU authorities
  'fgov.be', 'belgium.be', 'ibz.be', 'just.fgov.be', 'vlaanderen.be', 'wallonie.be', 'wallonie-bruxelles.be',
  'federation-wallonie-bruxelles.be', 'www.brussels', 'bewelcome.brussels', 'vivalis.brussels', 'commissioner.brussels',
  'irisnet.be', 'be.brussels', 'ostbelgienlive.be', 'dglive.be',
  'europa.eu', 'eur-lex.europa.eu', 'gov.be', 'socialsecurity.be', 'mi-is.be', 'cgra.be', 'cgvs.be', 'fedasil.be',
  'rva.be', 'onem.be', 'vdab.be', 'leforem.be', 'adg.be', 'myminfin.be', 'ksz-bcss.fgov.be', 'inami.fgov.be',
  'riziv.fgov.be', 'kbopub.economie.fgov.be', 'etaamb.be', 'openjustice.be', 'juportal.be', 'rvv-cce.be',
  'diplomatie.belgium.be', 'police.be', 'politie.be', 'agentschapintegratieeninburgering.be',
  // Advice and rights organisations named by skills
  'agii.be', 'integratie-inburgering.be', 'vreemdelingenrecht.be', 'myria.be', 'unia.be', 'cire.be',
  'adde.be', 'kruispuntmi.be', 'vluchtelingenwerk.be',
  // Commune domains used by skills
  'antwerpen.be', 'gent.be', 'stad.gent', 'leuven.be', 'brugge.be', 'mechelen.be', 'hasselt.be', 'genk.be',
  'kortrijk.be', 'oostende.be', 'aalst.be', 'sint-niklaas.be', 'tongeren-borgloon.be', 'tongeren.be',
  'liege.be', 'namur.be', 'charleroi.be', 'mons.be', 'tournai.be', 'la-louviere.be', 'wavre.be', 'arlon.be',
  'ottignies-louvain-la-neuve.be', 'eupen.be', 'bruxelles.be', 'brussel.be', 'schaerbeek.be', 'schaarbeek.be',
  'ixelles.be', 'elsene.be', 'etterbeek.be', 'anderlecht.be', 'uccle.be', 'ukkel.be', 'molenbeek.be',
  'stgilles.brussels', 'woluwe1200.be', 'woluwe1150.be', 'jette.be', 'evere.be', 'forest.brussels',
  'auderghem.be', 'oudergem.be', 'watermael-boitsfort.be', 'koekelberg.brussels', 'ganshoren.be',
  'berchem-sainte-agathe.be', 'saint-josse.be', 'sint-joost.be', 'brussels.be', 'boechout.be', 'brasschaat.be',
  'duffel.be', 'hamois.be', 'herenthout.be', 'maldegem.be', 'menen.be', 'merchtem.be', 'olen.be', 'oudenaarde.be',
  'overijse.be', 'retie.be', 'riemst.be', 'vilvoorde.be', 'westerlo.be', 'wielsbeke.be', '1030.be', 'asse.be',
  'aubel.be', 'berlaar.be', 'boussu.be', 'butgenbach.be', 'eeklo.be', 'geetbets.be', 'hemiksem.be', 'herstal.be',
  'houthalen-helchteren.be', 'ittre.be', 'kapellen.be', 'kelmis.be', 'koekelberg.be', 'kortenberg.be', 'lanaken.be',
  'langemark-poelkapelle.be', 'leopoldsburg.be', 'lier.be', 'lokeren.be', 'meerhout.be', 'melle.be', 'perwez.be',
  'rotselaar.be', 'schilde.be', 'sint-truiden.be', 'sintkatelijnewaver.be', 'st.vith.be', 'tervuren.be',
  'turnhout.be', 'waregem.prod.drk.be', 'wervik.be', 'wetteren.be', 'wezembeek-oppem.be',
  // Other public bodies cited by references: federal and Flemish services, the Senate, a police zone, the Brussels
  // reception office for newcomers, the Hague Conference, and the German and French missions in Brussels
  'cgrs.be', 'arroieper.be', 'bosa.be', 'belgif.be', 'riziv.be', 'senate.be', 'burgerzaken.vlaanderen',
  'factcheck.vlaanderen', 'bon.be', 'hcch.net', 'bruessel.diplo.de', 'consulfrance-bruxelles.org',
];

/**
 * Secondary sources a reference (`references/*.yaml`) may point to besides the official domains: associations,
 * health insurers, universities, legal publishers, newspapers. A skill or an observation may not link to them;
 * a reference may, because a maintainer reviewed each one as the source of a cited claim. An entry is a host (and
 * its subdomains) or a host with a path prefix, for a source that lives on a shared host.
 */
export const REFERENCE_SOURCES: readonly string[] = [
  // Associations of communes, registrars and integration bodies
  'vvsg.be', 'brulocalis.be', 'vlavabbs.be', 'vlaamserand.be', 'cimb.be', 'info-integration.be', 'parcoursintegration.be',
  'zichvestigeninbelgie.be',
  // Rights and legal-information organisations
  'droitsquotidiens.be', 'objectifasbl.be', 'helderrecht.be', 'wetwijzer.be', 'lexalert.be', 'terralaboris.be',
  'refli.be', 'verdragen.nl',
  // Publishers for local government and professionals, and a social secretariat
  'orangeconnect.be', 'oranjeconnect.be', 'altea.be', 'liantis.be', 'wolterskluwer.com', 'tpvconsult.com',
  'codedelaroute.be', 'autoveiligheid.be',
  // Health insurers and care funds
  'helan.be', 'mc.be', 'partenamut.be', 'solidaris-wallonie.be', 'vlaamsezorgkas.be', 'vmc.be', 'iziwonen.be',
  // Universities
  'uantwerpen.be', 'uclouvain.be',
  // Newspapers, broadcasters and elected representatives' pages
  'brusselstimes.com', 'lecho.be', 'tijd.be', 'lavenir.net', 'rtl.be', 'brf.be', 'maaikedevreese.be', 'nicoledm.be',
  // A single data file on a shared code host
  'github.com/quantumnomadcoder/probasile/',
];

/** Hosts used to collect data exfiltrated from assistants (request bins, tunnels, interaction servers). */
export const CALLBACK_HOSTS: readonly string[] = [
  'ngrok.io', 'ngrok.app', 'ngrok-free.app', 'ngrok.dev', 'requestbin.com', 'requestbin.net', 'pipedream.net',
  'pipedream.com', 'interact.sh', 'oast.fun', 'oast.pro', 'oast.live', 'oast.site', 'oast.online', 'oast.me',
  'webhook.site', 'burpcollaborator.net', 'oastify.com', 'requestcatcher.com', 'beeceptor.com', 'hookbin.com',
  'postb.in', 'trycloudflare.com', 'localtunnel.me', 'loca.lt', 'serveo.net', 'canarytokens.com',
];

/** True when `host` is `domain` or a subdomain of it (case-insensitive, trailing dot ignored). */
export function hostMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

const OFFICIAL_SET = new Set(OFFICIAL_DOMAINS.map((d) => d.toLowerCase()));
const CALLBACK_SET = new Set(CALLBACK_HOSTS.map((d) => d.toLowerCase()));

/** True when `host` or one of its parent domains is in `set`. */
function inSet(host: string, set: ReadonlySet<string>): boolean {
  let h = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    if (set.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

/** True when `host` is on the official allow-list (optionally extended by the caller's host entries). */
export function isOfficialHost(host: string, extra: readonly string[] = []): boolean {
  return inSet(host, OFFICIAL_SET) || extra.some((d) => !d.includes('/') && hostMatches(host, d));
}

/**
 * True when a link may be served: its host is official, or it matches one of `extra` — a host entry (the host and
 * its subdomains) or a `host/path` entry (that host, or `www.` + host, and a path starting with the entry's path).
 */
export function isAllowedLink(url: string, host: string, extra: readonly string[] = []): boolean {
  if (isOfficialHost(host, extra)) return true;
  const hostAndPath = url.replace(/^[a-z][a-z0-9+.-]{0,20}:/i, '').replace(/^\/\//, '').replace(/^www\./i, '');
  return extra.some((e) => e.includes('/') && hostAndPath.toLowerCase().startsWith(e.toLowerCase()));
}

/** True when `host` is a known exfiltration callback host. */
export function isCallbackHost(host: string): boolean {
  return inSet(host, CALLBACK_SET);
}

/** The host of a URL or of a scheme-less address: after any user info, without the port, lower case. */
export function hostOf(url: string): string {
  const afterScheme = url.replace(/^[a-z]{2,5}:\/\//i, '');
  let authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  return authority.replace(/:\d{1,5}$/, '').toLowerCase();
}
