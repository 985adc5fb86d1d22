/**
 * German names and descriptions of the worksheet functions (Excel with German as its display
 * language). Ids stay English; these are what the formula autocomplete and tooltips show.
 */
import type { FunctionLocale, ParamTranslation } from '../function-locale.js';

const population: Record<string, ParamTranslation> = {
  allRevenue: {
    name: 'umsatzAlle',
    description:
      'Umsatz aller Kunden (die Gesamtheit, in die die Zeilen eingeordnet werden). Nötig, wenn der Umsatz eine einzelne Zelle ist, etwa in einer nach unten kopierten Formel.',
  },
  allProfit: {
    name: 'rohertragAlle',
    description: 'Rohertrag aller Kunden, passend zu umsatzAlle.',
  },
  allCostToServe: {
    name: 'servicekostenAlle',
    description: 'Servicekosten aller Kunden, passend zu umsatzAlle.',
  },
  options: {
    name: 'optionen',
    description:
      'Einstellungen: JSON-Text wie {"size":{"method":"terciles"}} oder ein zweispaltiger Bereich mit Einstellungspfaden (size.method) oder den Bezeichnungen des Settings-Blatts der Vorlage (Size method) und ihren Werten.',
  },
};

export const DE: FunctionLocale = {
  locale: 'de-DE',
  functions: {
    PROFITTIER: {
      name: 'SERVICESTUFE',
      description:
        'Servicestufe jedes Kunden (Concierge, Grow, Maintain, Fix, Self-service) aus Umsatzgröße und Profitabilität.',
      params: {
        revenue: {
          name: 'umsatz',
          description: 'Umsatz des Kunden bzw. der Kunden: eine Zelle oder eine Spalte.',
        },
        grossProfit: {
          name: 'rohertrag',
          description: 'Rohertrag (Umsatz minus Wareneinsatz) derselben Kunden.',
        },
        costToServe: {
          name: 'servicekosten',
          description:
            'Servicekosten (Cost-to-Serve) derselben Kunden; Nettogewinn = rohertrag − servicekosten.',
        },
        ...population,
      },
    },
    PROFITSEGMENT: {
      name: 'GEWINNSEGMENT',
      description: 'Segment jedes Kunden (Large/High … Small/Low): Umsatzgröße × Profitabilität.',
      params: {
        revenue: {
          name: 'umsatz',
          description: 'Umsatz des Kunden bzw. der Kunden: eine Zelle oder eine Spalte.',
        },
        grossProfit: { name: 'rohertrag', description: 'Rohertrag derselben Kunden.' },
        costToServe: { name: 'servicekosten', description: 'Servicekosten derselben Kunden.' },
        ...population,
      },
    },
    PROFITMATRIX: {
      name: 'GEWINNMATRIX',
      description:
        'Die 3×3-Gewinnmatrix: Kundenzahl, Umsatz oder Nettogewinn je Größe (Zeilen) und Profitabilität (Spalten).',
      params: {
        revenue: { name: 'umsatz', description: 'Umsatz aller Kunden.' },
        netProfit: {
          name: 'nettogewinn',
          description: 'Nettogewinn aller Kunden (nach Servicekosten).',
        },
        measure: {
          name: 'kennzahl',
          description:
            '"count" (Anzahl, Standard), "revenue" (Umsatz) oder "profit" (Nettogewinn).',
        },
        options: {
          name: 'optionen',
          description:
            'Einstellungen: JSON-Text oder ein zweispaltiger Bereich mit Einstellungspfaden oder Bezeichnungen des Settings-Blatts und ihren Werten.',
        },
      },
    },
    COSTTOSERVE: {
      name: 'SERVICEKOSTEN',
      description:
        'Servicekosten jedes Kunden: die Summe aus jeder Aktivitätsmenge mal ihrem Kostensatz.',
      params: {
        volumes: {
          name: 'mengen',
          description:
            'Aktivitätsmengen: eine Zeile je Kunde, eine Spalte je Kostentreiber (Aufträge, Lieferungen, Retouren, …).',
        },
        rates: {
          name: 'kostensätze',
          description: 'Ein Kostensatz je Mengenspalte (Geld je Auftrag, je Lieferung, …).',
        },
      },
    },
    WHALECURVE: {
      name: 'WALKURVE',
      description:
        'Punkte der Walkurve: Kunden nach Gewinn sortiert, kumulierter Anteil am Gewinn.',
      params: {
        netProfit: {
          name: 'nettogewinn',
          description: 'Nettogewinn aller Kunden (nach Servicekosten).',
        },
        points: {
          name: 'punkte',
          description: 'Wie viele Schritte entlang der Kunden (Standard 20).',
        },
      },
    },
    WHALEPEAK: {
      name: 'WALSPITZE',
      description:
        'Der Gipfel der Walkurve: der Anteil der Kunden, der am meisten verdient, und sein Anteil am Gesamtgewinn.',
      params: {
        netProfit: {
          name: 'nettogewinn',
          description: 'Nettogewinn aller Kunden (nach Servicekosten).',
        },
      },
    },
    PROFITBYGROUP: {
      name: 'GEWINNJEGRUPPE',
      description:
        'Profitabilität je Gruppe (Region, Kanal, Vertriebsmitarbeiter…): jeder Gruppenwert mit seinem Nettogewinn, Umsatz, seiner Kundenzahl oder Marge.',
      params: {
        groups: {
          name: 'gruppen',
          description: 'Die Gruppe jedes Kunden, z. B. die Spalte Region.',
        },
        revenue: { name: 'umsatz', description: 'Umsatz derselben Kunden.' },
        netProfit: { name: 'nettogewinn', description: 'Nettogewinn derselben Kunden.' },
        measure: {
          name: 'kennzahl',
          description:
            '"profit" (Nettogewinn, Standard), "revenue" (Umsatz), "count" (Zeilen) oder "margin" (Nettogewinn / Umsatz).',
        },
      },
    },
  },
};
