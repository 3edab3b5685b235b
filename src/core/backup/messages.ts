/**
 * What `pnyx backup` and `pnyx restore` tell an operator when they refuse, in the four languages of the
 * platform. The language is the shell's (LC_ALL, LC_MESSAGES or LANG: "fr_BE.UTF-8" is French), English
 * when it is none of ours.
 */
import { isLocale, type Locale } from "../i18n/locales";

const MESSAGES = {
  en: {
    inUse: "the database is in use ({sessions} other connections): stop Pnyx before a restore; nothing was changed",
    notEmpty: "the database is not empty ({tables} tables hold rows): pass --yes to replace its content with the backup",
    corrupt: "the archive cannot be used ({detail}); nothing was changed",
    newer: "the backup was made by a newer Pnyx (its migration {version} is unknown here); upgrade Pnyx first; nothing was changed",
    format: "this is not a Pnyx backup, or one of an unknown format ({detail}); nothing was changed",
    countMismatch: "table {table}: {found} rows restored, the backup says {expected}; the restore was undone",
  },
  fr: {
    inUse: "la base de données est utilisée ({sessions} autres connexions) : arrêtez Pnyx avant de restaurer ; rien n'a été modifié",
    notEmpty: "la base de données n'est pas vide ({tables} tables contiennent des lignes) : ajoutez --yes pour remplacer son contenu par la sauvegarde",
    corrupt: "l'archive est inutilisable ({detail}) ; rien n'a été modifié",
    newer: "la sauvegarde vient d'une version plus récente de Pnyx (sa migration {version} est inconnue ici) ; mettez Pnyx à jour d'abord ; rien n'a été modifié",
    format: "ce n'est pas une sauvegarde Pnyx, ou son format est inconnu ({detail}) ; rien n'a été modifié",
    countMismatch: "table {table} : {found} lignes restaurées, la sauvegarde en annonce {expected} ; la restauration a été annulée",
  },
  nl: {
    inUse: "de databank is in gebruik ({sessions} andere verbindingen): stop Pnyx voor een herstel; er werd niets gewijzigd",
    notEmpty: "de databank is niet leeg ({tables} tabellen bevatten rijen): geef --yes om de inhoud door de back-up te vervangen",
    corrupt: "het archief is onbruikbaar ({detail}); er werd niets gewijzigd",
    newer: "de back-up komt van een nieuwere Pnyx (migratie {version} is hier onbekend); werk Pnyx eerst bij; er werd niets gewijzigd",
    format: "dit is geen Pnyx-back-up, of een met een onbekend formaat ({detail}); er werd niets gewijzigd",
    countMismatch: "tabel {table}: {found} rijen hersteld, de back-up vermeldt er {expected}; het herstel werd ongedaan gemaakt",
  },
  de: {
    inUse: "die Datenbank wird verwendet ({sessions} andere Verbindungen): beenden Sie Pnyx vor der Wiederherstellung; nichts wurde geändert",
    notEmpty: "die Datenbank ist nicht leer ({tables} Tabellen enthalten Zeilen): geben Sie --yes an, um ihren Inhalt durch die Sicherung zu ersetzen",
    corrupt: "das Archiv ist unbrauchbar ({detail}); nichts wurde geändert",
    newer: "die Sicherung stammt von einer neueren Pnyx-Version (ihre Migration {version} ist hier unbekannt); aktualisieren Sie zuerst Pnyx; nichts wurde geändert",
    format: "dies ist keine Pnyx-Sicherung oder eine in unbekanntem Format ({detail}); nichts wurde geändert",
    countMismatch: "Tabelle {table}: {found} Zeilen wiederhergestellt, die Sicherung nennt {expected}; die Wiederherstellung wurde rückgängig gemacht",
  },
} satisfies Record<Locale, Record<string, string>>;

export type BackupMessage = keyof (typeof MESSAGES)["en"];

/** The operator's language, from the environment's locale variables. */
export function shellLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  const code = value.slice(0, 2).toLowerCase();
  return isLocale(code) ? code : "en";
}

/** A translated refusal: `key` is kept for tests and JSON output. */
export class BackupError extends Error {
  constructor(
    readonly key: BackupMessage,
    readonly values: Record<string, string | number> = {},
    locale: Locale = shellLocale(),
  ) {
    super(MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? "")));
  }
}
