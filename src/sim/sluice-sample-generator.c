/* sluice-sample-generator.c
 *
 * Writes sample events of the demo domain as CloudEvents 1.0 in structured
 * mode, one JSON object per line: tenants with accounts whose storage fills
 * up, agreements that come close to expiry, plans that change, contacts
 * that join, invoices that get paid.
 *
 * The output is a function of the options alone, byte for byte, on every
 * machine: the random numbers come from our own SplitMix64 (GRand's seeding
 * depends on G_RANDOM_VERSION), all arithmetic is on integers (no libm, no
 * x87 rounding), and numbers and dates are formatted by hand (no locale, no
 * time zone). That is also what makes it fast: one pass over the events,
 * no allocation per event, and a 1 MiB buffer between us and the stream.
 *
 * The model behind the events, kept small but plausible enough that the
 * example workflows have something to find:
 *
 *  - tenants are unevenly sized (Zipf), every account belongs to one;
 *  - a few accounts are far busier than the rest (activity weights 1–64);
 *  - times follow office hours and quieter weekends, in increasing order;
 *  - usage percentages are per-account random walks around a level that
 *    itself moves now and then, so a few percent of usage events are at
 *    80% or more, and accounts near a threshold cross it back and forth;
 *  - each agreement counts down to its expiry and is renewed after it;
 *  - contacts are numbered per account; an account lists its newest ones,
 *    up to its team size (0–40), and contact.created adds the next one.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-sample-generator.h"
#include "sluice-sim-error.h"

#define MSEC_PER_HOUR        G_GINT64_CONSTANT (3600000)
#define MSEC_PER_DAY         (24 * MSEC_PER_HOUR)

/* 9999-01-01T00:00:00Z: years keep four digits, expiry dates included. */
#define MAX_END_MS           G_GINT64_CONSTANT (253370764800000)

#define BUFFER_SIZE          (1024 * 1024)
/* The longest line, an account.updated listing MAX_CONTACTS contacts, is
 * under 5 KiB; a flush happens before less than this is left. */
#define LINE_RESERVE         (16 * 1024)

#define MAX_CONTACTS         40
#define CANCEL_CHECK_MASK    0xfff
#define PROGRESS_MASK        0xffff

/* ---- the domain ---------------------------------------------------------------- */

typedef enum
{
  EVENT_USAGE,
  EVENT_AGREEMENT,
  EVENT_ACCOUNT,
  EVENT_CONTACT,
  EVENT_INVOICE,
  N_EVENT_TYPES
} EventType;

static const struct {
  const char *type;
  const char *source;
  guint       percent;          /* share of all events */
} event_types[N_EVENT_TYPES] = {
  [EVENT_USAGE]     = { "usage.updated",     "//billing.sluice.example", 40 },
  [EVENT_AGREEMENT] = { "agreement.updated", "//legal.sluice.example",   10 },
  [EVENT_ACCOUNT]   = { "account.updated",   "//crm.sluice.example",     15 },
  [EVENT_CONTACT]   = { "contact.created",   "//crm.sluice.example",     15 },
  [EVENT_INVOICE]   = { "invoice.paid",      "//billing.sluice.example", 20 },
};

typedef enum
{
  PLAN_FREE,
  PLAN_TEAM,
  PLAN_BUSINESS,
  PLAN_ENTERPRISE,
  N_PLANS
} Plan;

static const struct {
  const char *name;
  guint       percent;          /* share of accounts at the start */
  guint       quota_gb[3];      /* storage quotas on offer */
  guint       team_min;         /* contacts an account of this plan has */
  guint       team_max;         /* at most MAX_CONTACTS */
  guint       invoice_min;      /* invoice amounts, in whole units */
  guint       invoice_max;
} plans[N_PLANS] = {
  [PLAN_FREE]       = { "free",       25, { 5, 10, 20 },          0,  2,    5,    49 },
  [PLAN_TEAM]       = { "team",       35, { 100, 200, 250 },      1,  8,   29,   990 },
  [PLAN_BUSINESS]   = { "business",   28, { 500, 1000, 2000 },    2, 16,  300,  9000 },
  [PLAN_ENTERPRISE] = { "enterprise", 12, { 5000, 10000, 20000 }, 6, 40, 4000, 90000 },
};

typedef enum
{
  METRIC_STORAGE,
  METRIC_SEATS,
  METRIC_API_CALLS,
  N_METRICS
} Metric;

static const struct {
  const char *name;
  guint       percent;          /* share of usage events */
} metrics[N_METRICS] = {
  [METRIC_STORAGE]   = { "storage",   50 },
  [METRIC_SEATS]     = { "seats",     25 },
  [METRIC_API_CALLS] = { "api_calls", 25 },
};

typedef enum
{
  AGREEMENT_MSA,
  AGREEMENT_NDA,
  AGREEMENT_DPA,
  N_AGREEMENT_KINDS
} AgreementKind;

static const struct {
  const char *name;
  const char *slug;             /* in ids and URLs */
  guint       percent;          /* share of agreement events */
} agreement_kinds[N_AGREEMENT_KINDS] = {
  [AGREEMENT_MSA] = { "MSA", "msa", 45 },
  [AGREEMENT_NDA] = { "NDA", "nda", 35 },
  [AGREEMENT_DPA] = { "DPA", "dpa", 20 },
};

/* Agreements are never further than this from expiry; a renewal starts
 * between the two bounds. */
#define AGREEMENT_MAX_DAYS    120
#define AGREEMENT_RENEW_DAYS   60

static const struct {
  const char *code;
  guint       percent;
} currencies[] = {
  { "EUR", 40 },
  { "USD", 45 },
  { "GBP", 15 },
};

#define N_CSMS  24

static const char * const roles[] = { "billing", "technical", "legal", "member", "security" };

/* Display names, and the same in ASCII for email addresses. 64 of each, so
 * that stepping through them with an odd stride gives an account 64
 * different first names before one repeats. */
static const char * const first_names[64][2] = {
  { "Ada", "ada" }, { "Adrián", "adrian" }, { "Aiko", "aiko" }, { "Alice", "alice" },
  { "Amara", "amara" }, { "Anders", "anders" }, { "Ana", "ana" }, { "Arjun", "arjun" },
  { "Beatriz", "beatriz" }, { "Ben", "ben" }, { "Björn", "bjorn" }, { "Carla", "carla" },
  { "Chen", "chen" }, { "Chloé", "chloe" }, { "Daniel", "daniel" }, { "Dara", "dara" },
  { "Elif", "elif" }, { "Emma", "emma" }, { "Farah", "farah" }, { "Felix", "felix" },
  { "Grace", "grace" }, { "Hannah", "hannah" }, { "Hiro", "hiro" }, { "Ines", "ines" },
  { "Ivan", "ivan" }, { "Jamal", "jamal" }, { "Jana", "jana" }, { "Jonas", "jonas" },
  { "Kavya", "kavya" }, { "Kemal", "kemal" }, { "Lara", "lara" }, { "Leon", "leon" },
  { "Li", "li" }, { "Lucía", "lucia" }, { "Maja", "maja" }, { "Malik", "malik" },
  { "Marta", "marta" }, { "Mateo", "mateo" }, { "Mei", "mei" }, { "Nadia", "nadia" },
  { "Niko", "niko" }, { "Noah", "noah" }, { "Olga", "olga" }, { "Omar", "omar" },
  { "Paula", "paula" }, { "Pedro", "pedro" }, { "Priya", "priya" }, { "Rafael", "rafael" },
  { "Rosa", "rosa" }, { "Sami", "sami" }, { "Sara", "sara" }, { "Sofia", "sofia" },
  { "Tariq", "tariq" }, { "Tessa", "tessa" }, { "Tomás", "tomas" }, { "Uma", "uma" },
  { "Victor", "victor" }, { "Wei", "wei" }, { "Yara", "yara" }, { "Yusuf", "yusuf" },
  { "Zainab", "zainab" }, { "Zoë", "zoe" }, { "Oskar", "oskar" }, { "Linnea", "linnea" },
};

static const char * const last_names[64][2] = {
  { "Abbott", "abbott" }, { "Adeyemi", "adeyemi" }, { "Alvarez", "alvarez" }, { "Andersen", "andersen" },
  { "Bauer", "bauer" }, { "Bianchi", "bianchi" }, { "Brennan", "brennan" }, { "Castro", "castro" },
  { "Chowdhury", "chowdhury" }, { "Costa", "costa" }, { "Dubois", "dubois" }, { "Eriksson", "eriksson" },
  { "Fischer", "fischer" }, { "Fontaine", "fontaine" }, { "García", "garcia" }, { "Gupta", "gupta" },
  { "Haddad", "haddad" }, { "Hansen", "hansen" }, { "Hoffmann", "hoffmann" }, { "Ibrahim", "ibrahim" },
  { "Ito", "ito" }, { "Jansen", "jansen" }, { "Kaur", "kaur" }, { "Kim", "kim" },
  { "Kowalski", "kowalski" }, { "Larsen", "larsen" }, { "Lee", "lee" }, { "Lindqvist", "lindqvist" },
  { "López", "lopez" }, { "Martin", "martin" }, { "Meyer", "meyer" }, { "Moreau", "moreau" },
  { "Müller", "muller" }, { "Nakamura", "nakamura" }, { "Nguyen", "nguyen" }, { "Novak", "novak" },
  { "Okafor", "okafor" }, { "Olsen", "olsen" }, { "Park", "park" }, { "Patel", "patel" },
  { "Petrov", "petrov" }, { "Quinn", "quinn" }, { "Rahman", "rahman" }, { "Rossi", "rossi" },
  { "Santos", "santos" }, { "Schmidt", "schmidt" }, { "Sato", "sato" }, { "Silva", "silva" },
  { "Singh", "singh" }, { "Smith", "smith" }, { "Sørensen", "sorensen" }, { "Tanaka", "tanaka" },
  { "Torres", "torres" }, { "Vargas", "vargas" }, { "Virtanen", "virtanen" }, { "Wagner", "wagner" },
  { "Walsh", "walsh" }, { "Wang", "wang" }, { "Weber", "weber" }, { "Wilson", "wilson" },
  { "Yilmaz", "yilmaz" }, { "Young", "young" }, { "Zhang", "zhang" }, { "Zimmermann", "zimmermann" },
};

/* Relative activity per UTC hour of the day: office hours are busiest. */
static const guint8 hour_weights[24] = {
  2, 2, 2, 2, 2, 3, 4, 6, 9, 10, 10, 10, 9, 10, 10, 10, 9, 8, 6, 5, 4, 3, 3, 2,
};
/* A weekend day against a weekday, out of 10. */
#define WEEKEND_WEIGHT  4
#define WEEKDAY_WEIGHT 10

/* ---- random numbers ------------------------------------------------------------ */

/* SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and passes BigCrush. */
typedef struct
{
  guint64 state;
} SampleRandom;

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
random_next (SampleRandom *random)
{
  random->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (random->state);
}

/* 0 ≤ result < n, by scaling the high 32 bits rather than a modulo. */
static inline guint32
random_below (SampleRandom *random,
              guint32       n)
{
  return (guint32) (((random_next (random) >> 32) * n) >> 32);
}

/* lo ≤ result ≤ hi */
static inline guint32
random_range (SampleRandom *random,
              guint32       lo,
              guint32       hi)
{
  return lo + random_below (random, hi - lo + 1);
}

/* Picks an index from a table of percentages that add up to 100. */
#define random_pick(random, table) \
  random_pick_percent ((random), &(table)[0].percent, sizeof (table)[0], G_N_ELEMENTS (table))

static guint
random_pick_percent (SampleRandom *random,
                     const guint  *first,
                     gsize         stride,
                     guint         n)
{
  guint roll = random_below (random, 100);

  for (guint i = 0; i + 1 < n; i++)
    {
      guint percent = *(const guint *) ((const char *) first + i * stride);

      if (roll < percent)
        return i;
      roll -= percent;
    }
  return n - 1;
}

/* ---- formatting ---------------------------------------------------------------- */

#define put_literal(p, s) (memcpy ((p), (s), sizeof (s) - 1), (p) + sizeof (s) - 1)

static inline char *
put_text (char       *p,
          const char *text,
          gsize       len)
{
  memcpy (p, text, len);
  return p + len;
}

static inline char *
put_string (char       *p,
            const char *text)
{
  return put_text (p, text, strlen (text));
}

/* @value in decimal, at least @width digits with leading zeros. */
static inline char *
put_uint (char    *p,
          guint64  value,
          guint    width)
{
  char digits[24];
  guint n = 0;

  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  while (n < width)
    digits[n++] = '0';
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

static inline char *
put_two_digits (char  *p,
                guint  value)
{
  p[0] = (char) ('0' + value / 10);
  p[1] = (char) ('0' + value % 10);
  return p + 2;
}

static guint
count_digits (guint64 value)
{
  guint n = 1;

  while (value >= 10)
    {
      value /= 10;
      n++;
    }
  return n;
}

/* The proleptic Gregorian date of a day counted from 1970-01-01, after
 * Howard Hinnant's civil_from_days(); @day is never negative here. */
static char *
put_date (char   *p,
          gint64  day)
{
  guint64 z = (guint64) day + 719468;
  guint64 era = z / 146097;
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;
  guint d = doy - (153 * mp + 2) / 5 + 1;
  guint m = mp < 10 ? mp + 3 : mp - 9;
  guint64 y = yoe + era * 400 + (m <= 2);

  p = put_uint (p, y, 4);
  *p++ = '-';
  p = put_two_digits (p, m);
  *p++ = '-';
  return put_two_digits (p, d);
}

/* ---- the generator ------------------------------------------------------------- */

typedef struct
{
  guint32 contact_first;        /* number of the oldest listed contact */
  guint8  contact_count;        /* contacts listed, up to team_size */
  guint8  team_size;            /* 0–MAX_CONTACTS */
  guint8  plan;
  guint8  quota_choice;         /* index into the plan's quota_gb */
  guint8  currency;
  guint8  csm;
  guint8  usage[N_METRICS];     /* percent */
  guint8  usage_level[N_METRICS];  /* where usage settles, percent */
  guint16 tenant;
  guint16 agreement_revision[N_AGREEMENT_KINDS];
  gint32  agreement_expires[N_AGREEMENT_KINDS];  /* day since 1970-01-01 */
} SampleAccount;

typedef struct
{
  char  *text;
  gsize  len;
} Fragment;

typedef struct
{
  SluiceSampleOptions options;
  SampleRandom        random;
  guint64             name_key;         /* salts contact names per seed */

  guint               account_width;
  guint               tenant_width;
  guint               id_width;

  SampleAccount      *accounts;
  guint32            *account_cumulative;  /* activity weights, summed */
  guint32             account_total;

  /* Time: the window is cut into hours, each with a weight; event i sits
   * at position (i × total + jitter) / n_events of the weighted window,
   * which keeps times in order without sorting. */
  gint64              start_ms;
  guint               n_hours;
  guint8             *hour_weight;
  guint64            *hour_cumulative;  /* n_hours + 1 entries, in weight × ms */
  guint64             mass_total;
  guint64             mass_step_quot;
  guint64             mass_step_rem;
  guint64             mass_quot;
  guint64             mass_rem;
  guint               hour;

  gint64              date_day;         /* the day in date_text */
  char                date_text[10];

  guint64             invoice_number;

  /* ,"source":"…","type":"…","time":" per event type */
  Fragment            heads[N_EVENT_TYPES];

  char               *buffer;
} SampleGenerator;

static void
sample_generator_free (SampleGenerator *gen)
{
  for (guint i = 0; i < N_EVENT_TYPES; i++)
    g_free (gen->heads[i].text);
  g_free (gen->accounts);
  g_free (gen->account_cumulative);
  g_free (gen->hour_weight);
  g_free (gen->hour_cumulative);
  g_free (gen->buffer);
  g_free (gen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SampleGenerator, sample_generator_free)

/* Most accounts settle well below their quotas, some close to them. */
static guint
random_usage_level (SampleGenerator *gen)
{
  if (random_below (&gen->random, 100) < 90)
    return random_range (&gen->random, 10, 65);
  return random_range (&gen->random, 60, 92);
}

static void
init_accounts (SampleGenerator *gen)
{
  const SluiceSampleOptions *options = &gen->options;
  gint64 start_day = gen->start_ms / MSEC_PER_DAY;
  g_autofree guint32 *tenant_cumulative = g_new (guint32, options->n_tenants);
  guint32 tenant_total = 0;

  /* Zipf: tenant k has 1/k of the first one's accounts. */
  for (guint t = 0; t < options->n_tenants; t++)
    {
      tenant_total += 1000000 / (t + 1);
      tenant_cumulative[t] = tenant_total;
    }

  gen->accounts = g_new0 (SampleAccount, options->n_accounts);
  gen->account_cumulative = g_new (guint32, options->n_accounts);

  for (guint a = 0; a < options->n_accounts; a++)
    {
      SampleAccount *account = &gen->accounts[a];
      guint32 roll = random_below (&gen->random, tenant_total);
      guint activity = 0;
      guint t = 0;

      while (tenant_cumulative[t] <= roll)
        t++;
      account->tenant = (guint16) t;

      account->plan = (guint8) random_pick (&gen->random, plans);
      account->quota_choice = (guint8) random_below (&gen->random, 3);
      account->currency = (guint8) random_pick (&gen->random, currencies);
      account->csm = (guint8) random_below (&gen->random, N_CSMS);

      account->team_size = (guint8) random_range (&gen->random,
                                                  plans[account->plan].team_min,
                                                  plans[account->plan].team_max);
      account->contact_count = (guint8) (account->team_size
                                         - random_below (&gen->random,
                                                         MIN (account->team_size, 2) + 1));
      account->contact_first = 0;

      for (guint m = 0; m < N_METRICS; m++)
        {
          guint level = random_usage_level (gen);

          account->usage_level[m] = (guint8) level;
          account->usage[m] = (guint8) (level - 5 + random_below (&gen->random, 11));
        }

      /* Starting at most AGREEMENT_MAX_DAYS after the window starts keeps
       * every expires_in_days within 0–AGREEMENT_MAX_DAYS. */
      for (guint k = 0; k < N_AGREEMENT_KINDS; k++)
        {
          account->agreement_revision[k] = 1;
          account->agreement_expires[k] = (gint32) (start_day + random_range (&gen->random, 0,
                                                                              AGREEMENT_MAX_DAYS));
        }

      /* Activity 2^k with P(k) = 2^-(k+1): every class of accounts makes
       * about the same number of events, so a few accounts are very busy. */
      while (activity < 6 && random_below (&gen->random, 2) == 0)
        activity++;
      gen->account_total += 1u << activity;
      gen->account_cumulative[a] = gen->account_total;
    }
}

static void
init_time (SampleGenerator *gen)
{
  const SluiceSampleOptions *options = &gen->options;
  guint64 total = 0;

  gen->start_ms = options->end_ms - (gint64) options->days * MSEC_PER_DAY;
  gen->n_hours = options->days * 24;
  gen->hour_weight = g_new (guint8, gen->n_hours);
  gen->hour_cumulative = g_new (guint64, gen->n_hours + 1);

  /* Days run from the start of the window, so they are whole days in the
   * window whatever the time of day of end_ms (UTC midnight by default). */
  for (guint d = 0; d < options->days; d++)
    {
      gint64 day = (gen->start_ms + d * MSEC_PER_DAY) / MSEC_PER_DAY;
      guint weekday = (guint) ((day + 4) % 7);   /* 1970-01-01 was a Thursday; 0 is Sunday */
      guint day_weight = (weekday == 0 || weekday == 6) ? WEEKEND_WEIGHT : WEEKDAY_WEIGHT;

      for (guint h = 0; h < 24; h++)
        {
          guint i = d * 24 + h;

          gen->hour_weight[i] = (guint8) (hour_weights[h] * day_weight);
          gen->hour_cumulative[i] = total;
          total += (guint64) gen->hour_weight[i] * MSEC_PER_HOUR;
        }
    }
  gen->hour_cumulative[gen->n_hours] = total;

  gen->mass_total = total;
  if (options->n_events > 0)
    {
      gen->mass_step_quot = total / options->n_events;
      gen->mass_step_rem = total % options->n_events;
    }
  gen->date_day = -1;
}

static SampleGenerator *
sample_generator_new (const SluiceSampleOptions *options)
{
  SampleGenerator *gen = g_new0 (SampleGenerator, 1);

  gen->options = *options;
  gen->random.state = options->seed;
  gen->name_key = mix64 (G_GUINT64_CONSTANT (0x5eed) ^ ((guint64) options->seed << 16));
  gen->account_width = MAX (5, count_digits (options->n_accounts));
  gen->tenant_width = MAX (2, count_digits (options->n_tenants));
  gen->id_width = MAX (9, count_digits (options->n_events));

  for (guint i = 0; i < N_EVENT_TYPES; i++)
    {
      gen->heads[i].text = g_strdup_printf ("\",\"source\":\"%s\",\"type\":\"%s\",\"time\":\"",
                                            event_types[i].source, event_types[i].type);
      gen->heads[i].len = strlen (gen->heads[i].text);
    }

  init_time (gen);
  init_accounts (gen);
  gen->buffer = g_malloc (BUFFER_SIZE);

  return gen;
}

/* The time of the next event: ms since the epoch, never less than the last. */
static gint64
next_time (SampleGenerator *gen)
{
  guint64 n = gen->options.n_events;
  guint64 jitter = random_next (&gen->random) % gen->mass_total;
  guint64 mass = gen->mass_quot + (gen->mass_rem + jitter) / n;
  gint64 offset;

  /* position i × total = mass_quot × n + mass_rem, advanced by one step */
  gen->mass_quot += gen->mass_step_quot;
  gen->mass_rem += gen->mass_step_rem;
  if (gen->mass_rem >= n)
    {
      gen->mass_rem -= n;
      gen->mass_quot++;
    }

  while (mass >= gen->hour_cumulative[gen->hour + 1])
    gen->hour++;

  offset = (gint64) ((mass - gen->hour_cumulative[gen->hour]) / gen->hour_weight[gen->hour]);
  return gen->start_ms + gen->hour * MSEC_PER_HOUR + offset;
}

/* 2026-10-25T13:04:05.123Z */
static char *
put_timestamp (SampleGenerator *gen,
               char            *p,
               gint64           time_ms)
{
  gint64 day = time_ms / MSEC_PER_DAY;
  guint ms = (guint) (time_ms % MSEC_PER_DAY);

  if (day != gen->date_day)
    {
      put_date (gen->date_text, day);
      gen->date_day = day;
    }

  p = put_text (p, gen->date_text, sizeof gen->date_text);
  *p++ = 'T';
  p = put_two_digits (p, ms / 3600000);
  *p++ = ':';
  p = put_two_digits (p, ms / 60000 % 60);
  *p++ = ':';
  p = put_two_digits (p, ms / 1000 % 60);
  *p++ = '.';
  p = put_uint (p, ms % 1000, 3);
  *p++ = 'Z';
  return p;
}

static guint
pick_account (SampleGenerator *gen)
{
  guint32 roll = random_below (&gen->random, gen->account_total);
  guint lo = 0;
  guint hi = gen->options.n_accounts - 1;

  /* the first account whose cumulative weight is above the roll */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gen->account_cumulative[mid] > roll)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* The name (or the local part of the email address) of contact number
 * @contact of an account. Names are a hash of the account; the first name
 * steps with an odd stride, so 64 contacts in a row have different first
 * names, and later ones get a number: emails are unique per account. */
static char *
put_contact_name (SampleGenerator *gen,
                  char            *p,
                  guint            account,
                  guint32          contact,
                  gboolean         for_email)
{
  guint64 h = mix64 (gen->name_key ^ account);
  guint stride = (guint) ((h >> 40) & 63) | 1;
  guint first = (guint) (h + (guint64) contact * stride) & 63;
  guint last = (guint) (mix64 (h ^ contact) & 63);

  p = put_string (p, first_names[first][for_email]);
  *p++ = for_email ? '.' : ' ';
  p = put_string (p, last_names[last][for_email]);
  if (for_email && contact >= 64)
    p = put_uint (p, contact / 64 + 1, 1);
  return p;
}

static const char *
contact_role (SampleGenerator *gen,
              guint            account,
              guint32          contact)
{
  if (contact == 0)
    return "admin";
  return roles[mix64 (gen->name_key ^ ((guint64) account << 32) ^ contact) % G_N_ELEMENTS (roles)];
}

/* Advances the account's usage of @metric and returns it. */
static guint
step_usage (SampleGenerator *gen,
            SampleAccount   *account,
            Metric           metric)
{
  int level = account->usage_level[metric];
  int percent = account->usage[metric];
  guint roll = random_below (&gen->random, 100);

  /* Usage wanders around the level where the account settles, so accounts
   * near a threshold cross it back and forth. Now and then the account
   * changes its ways (grows, cleans up) and settles somewhere else; the
   * new level comes from the same mix as the first, so the share of full
   * accounts stays the same however many events there are. */
  if (roll < 3)
    level = (int) random_usage_level (gen);

  percent += (int) random_range (&gen->random, 0, 6) - 3;
  if (percent < level - 4)
    percent++;
  else if (percent > level + 4)
    percent--;

  account->usage_level[metric] = (guint8) level;
  account->usage[metric] = (guint8) CLAMP (percent, 0, 100);
  return account->usage[metric];
}

static char *
put_usage (SampleGenerator *gen,
           char            *p,
           SampleAccount   *account,
           const char      *account_id,
           gsize            account_id_len)
{
  Metric metric = random_pick (&gen->random, metrics);
  guint percent = step_usage (gen, account, metric);

  p = put_literal (p, ",\"metric\":\"");
  p = put_string (p, metrics[metric].name);
  p = put_literal (p, "\",\"percent\":");
  p = put_uint (p, percent, 1);
  p = put_literal (p, ",\"quota_gb\":");
  p = put_uint (p, plans[account->plan].quota_gb[account->quota_choice], 1);
  p = put_literal (p, ",\"owner_email\":\"owner@");
  p = put_text (p, account_id, account_id_len);
  p = put_literal (p, ".example\",\"csm_email\":\"csm-");
  p = put_uint (p, account->csm + 1, 2);
  return put_literal (p, "@sluice.example\"");
}

static char *
put_agreement (SampleGenerator *gen,
               char            *p,
               SampleAccount   *account,
               const char      *account_id,
               gsize            account_id_len,
               gint64           time_ms)
{
  AgreementKind kind = random_pick (&gen->random, agreement_kinds);
  gint64 day = time_ms / MSEC_PER_DAY;
  char agreement_id[64];
  char *q = agreement_id;

  /* Expired: renewed as a new revision with a new expiry date. */
  if (account->agreement_expires[kind] < day)
    {
      account->agreement_revision[kind]++;
      account->agreement_expires[kind] = (gint32) (day + random_range (&gen->random,
                                                                       AGREEMENT_RENEW_DAYS,
                                                                       AGREEMENT_MAX_DAYS));
    }

  q = put_literal (q, "agr-");
  q = put_text (q, account_id + 5, account_id_len - 5);   /* the digits of acct-NNNNN */
  *q++ = '-';
  q = put_string (q, agreement_kinds[kind].slug);
  *q++ = '-';
  q = put_uint (q, account->agreement_revision[kind], 1);

  p = put_literal (p, ",\"agreement_id\":\"");
  p = put_text (p, agreement_id, q - agreement_id);
  p = put_literal (p, "\",\"kind\":\"");
  p = put_string (p, agreement_kinds[kind].name);
  p = put_literal (p, "\",\"expires_in_days\":");
  p = put_uint (p, (guint64) (account->agreement_expires[kind] - day), 1);
  p = put_literal (p, ",\"expires_on\":\"");
  p = put_date (p, account->agreement_expires[kind]);
  p = put_literal (p, "\",\"contacts\":{\"legal\":\"legal@");
  p = put_text (p, account_id, account_id_len);
  p = put_literal (p, ".example\"},\"document_url\":\"https://docs.sluice.example/agreements/");
  p = put_text (p, agreement_id, q - agreement_id);
  return put_literal (p, ".pdf\"");
}

static char *
put_account (SampleGenerator *gen,
             char            *p,
             guint            index,
             const char      *account_id,
             gsize            account_id_len)
{
  SampleAccount *account = &gen->accounts[index];
  guint roll = random_below (&gen->random, 100);
  Plan previous = account->plan;
  Plan plan = previous;

  /* Mostly a plan change, upgrades more often than downgrades; the rest
   * are updates of other details. */
  if (roll >= 15)
    {
      gboolean up = roll < 70;

      if (previous == PLAN_FREE)
        up = TRUE;
      else if (previous == PLAN_ENTERPRISE)
        up = FALSE;
      plan = up ? previous + 1 : previous - 1;
    }

  account->plan = (guint8) plan;

  p = put_literal (p, ",\"plan\":\"");
  p = put_string (p, plans[plan].name);
  p = put_literal (p, "\",\"previous_plan\":\"");
  p = put_string (p, plans[previous].name);
  p = put_literal (p, "\",\"contacts\":[");

  for (guint i = 0; i < account->contact_count; i++)
    {
      guint32 contact = account->contact_first + i;

      if (i > 0)
        *p++ = ',';
      p = put_literal (p, "{\"name\":\"");
      p = put_contact_name (gen, p, index, contact, FALSE);
      p = put_literal (p, "\",\"email\":\"");
      p = put_contact_name (gen, p, index, contact, TRUE);
      *p++ = '@';
      p = put_text (p, account_id, account_id_len);
      p = put_literal (p, ".example\"}");
    }

  return put_literal (p, "]");
}

static char *
put_contact (SampleGenerator *gen,
             char            *p,
             guint            index,
             const char      *account_id,
             gsize            account_id_len)
{
  SampleAccount *account = &gen->accounts[index];
  guint32 contact = account->contact_first + account->contact_count;

  /* A full team: the newcomer takes the place of the oldest contact. */
  if (account->contact_count < MAX (account->team_size, 1))
    account->contact_count++;
  else
    account->contact_first++;

  p = put_literal (p, ",\"email\":\"");
  p = put_contact_name (gen, p, index, contact, TRUE);
  *p++ = '@';
  p = put_text (p, account_id, account_id_len);
  p = put_literal (p, ".example\",\"name\":\"");
  p = put_contact_name (gen, p, index, contact, FALSE);
  p = put_literal (p, "\",\"role\":\"");
  p = put_string (p, contact_role (gen, index, contact));
  return put_literal (p, "\"");
}

static char *
put_invoice (SampleGenerator *gen,
             char            *p,
             SampleAccount   *account)
{
  guint units = random_range (&gen->random,
                              plans[account->plan].invoice_min,
                              plans[account->plan].invoice_max);
  /* Half the invoices are whole amounts. */
  guint cents = random_below (&gen->random, 2) == 0 ? 0 : random_below (&gen->random, 100);

  p = put_literal (p, ",\"invoice_id\":\"inv-");
  p = put_uint (p, ++gen->invoice_number, gen->id_width);
  p = put_literal (p, "\",\"amount\":");
  p = put_uint (p, units, 1);
  *p++ = '.';
  p = put_two_digits (p, cents);
  p = put_literal (p, ",\"currency\":\"");
  p = put_string (p, currencies[account->currency].code);
  return put_literal (p, "\"");
}

static char *
put_event (SampleGenerator *gen,
           char            *p,
           guint64          number)
{
  gint64 time_ms = next_time (gen);
  EventType type = random_pick (&gen->random, event_types);
  guint index = pick_account (gen);
  SampleAccount *account = &gen->accounts[index];
  char account_id[32];
  gsize account_id_len;

  account_id_len = put_uint (put_literal (account_id, "acct-"), index + 1, gen->account_width)
                   - account_id;

  p = put_literal (p, "{\"specversion\":\"1.0\",\"id\":\"evt-");
  p = put_uint (p, number, gen->id_width);
  p = put_text (p, gen->heads[type].text, gen->heads[type].len);
  p = put_timestamp (gen, p, time_ms);
  p = put_literal (p, "\",\"tenant\":\"t");
  p = put_uint (p, account->tenant + 1, gen->tenant_width);
  p = put_literal (p, "\",\"datacontenttype\":\"application/json\",\"data\":{\"account\":\"");
  p = put_text (p, account_id, account_id_len);
  *p++ = '"';

  switch (type)
    {
    case EVENT_USAGE:
      p = put_usage (gen, p, account, account_id, account_id_len);
      break;
    case EVENT_AGREEMENT:
      p = put_agreement (gen, p, account, account_id, account_id_len, time_ms);
      break;
    case EVENT_ACCOUNT:
      p = put_account (gen, p, index, account_id, account_id_len);
      break;
    case EVENT_CONTACT:
      p = put_contact (gen, p, index, account_id, account_id_len);
      break;
    case EVENT_INVOICE:
      p = put_invoice (gen, p, account);
      break;
    case N_EVENT_TYPES:
    default:
      g_assert_not_reached ();
    }

  return put_literal (p, "}}\n");
}

/* ---- public API ---------------------------------------------------------------- */

/**
 * sluice_sample_options_init:
 *
 * Sets the defaults: no events, seed 1, 20 tenants, 50 000 accounts and
 * the 30 days up to 2026-11-01T00:00:00Z.
 */
void
sluice_sample_options_init (SluiceSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_events = 0;
  options->seed = SLUICE_SAMPLE_DEFAULT_SEED;
  options->end_ms = SLUICE_SAMPLE_DEFAULT_END_MS;
  options->n_tenants = SLUICE_SAMPLE_DEFAULT_TENANTS;
  options->n_accounts = SLUICE_SAMPLE_DEFAULT_ACCOUNTS;
  options->days = SLUICE_SAMPLE_DEFAULT_DAYS;
}

/**
 * sluice_sample_options_check:
 *
 * Says, with a message for the user, when an option is out of range.
 *
 * Returns: %TRUE if @options can be used
 */
gboolean
sluice_sample_options_check (const SluiceSampleOptions  *options,
                             GError                    **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->n_events > SLUICE_SAMPLE_MAX_EVENTS)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_FAILED,
                   _("the number of events must be at most %s"), "1000000000000");
      return FALSE;
    }
  if (options->n_tenants < 1 || options->n_tenants > SLUICE_SAMPLE_MAX_TENANTS)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_FAILED,
                   _("the number of tenants must be between 1 and %d"), SLUICE_SAMPLE_MAX_TENANTS);
      return FALSE;
    }
  if (options->n_accounts < 1 || options->n_accounts > SLUICE_SAMPLE_MAX_ACCOUNTS)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_FAILED,
                   _("the number of accounts must be between 1 and %d"), SLUICE_SAMPLE_MAX_ACCOUNTS);
      return FALSE;
    }
  if (options->days < 1 || options->days > SLUICE_SAMPLE_MAX_DAYS)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_FAILED,
                   _("the number of days must be between 1 and %d"), SLUICE_SAMPLE_MAX_DAYS);
      return FALSE;
    }
  if (options->end_ms < (gint64) options->days * MSEC_PER_DAY || options->end_ms > MAX_END_MS)
    {
      g_set_error_literal (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_FAILED,
                           _("the time window must lie between the years 1970 and 9999"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sluice_sample_generator_write:
 * @output: where to write; it is flushed at the end, not closed
 * @options: what to generate
 * @progress_cb: (nullable): told about progress now and then
 *
 * Writes @options->n_events sample events of the demo domain to @output
 * as CloudEvents 1.0 JSON Lines, in increasing time order, all within the
 * @options->days before @options->end_ms. The bytes depend on @options
 * alone: same options, same output, on every machine.
 *
 * Returns: %FALSE if the options are out of range, writing failed or
 *   @cancellable was cancelled; part of the events may have been written
 */
gboolean
sluice_sample_generator_write (GOutputStream              *output,
                               const SluiceSampleOptions  *options,
                               SluiceSampleProgress        progress_cb,
                               gpointer                    user_data,
                               GCancellable               *cancellable,
                               GError                    **error)
{
  g_autoptr(SampleGenerator) gen = NULL;
  char *p;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sluice_sample_options_check (options, error))
    return FALSE;

  gen = sample_generator_new (options);
  p = gen->buffer;

  for (guint64 i = 0; i < options->n_events; i++)
    {
      p = put_event (gen, p, i + 1);
      g_assert (p - gen->buffer <= BUFFER_SIZE);

      if (p - gen->buffer > BUFFER_SIZE - LINE_RESERVE)
        {
          if (!g_output_stream_write_all (output, gen->buffer, p - gen->buffer, NULL,
                                          cancellable, error))
            return FALSE;
          p = gen->buffer;
        }

      if ((i & CANCEL_CHECK_MASK) == CANCEL_CHECK_MASK
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (progress_cb != NULL && (i & PROGRESS_MASK) == PROGRESS_MASK)
        progress_cb (i + 1, options->n_events, user_data);
    }

  if (p > gen->buffer
      && !g_output_stream_write_all (output, gen->buffer, p - gen->buffer, NULL,
                                     cancellable, error))
    return FALSE;

  if (!g_output_stream_flush (output, cancellable, error))
    return FALSE;

  if (progress_cb != NULL)
    progress_cb (options->n_events, options->n_events, user_data);

  return TRUE;
}
