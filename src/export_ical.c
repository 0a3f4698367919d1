/*
 * export_ical.c - the iCalendar (RFC 5545) exporter, and the only file of the
 * project that calls libical's component and property API. One VCALENDAR with
 * one all-day VEVENT per dated event: DTSTART;VALUE=DATE and an exclusive DTEND
 * spanning the grain, DTSTAMP from the newest article (never the clock; at most
 * 3000-12-31, and events after 3000 left out: libical's limit), a
 * stable UID, and the evidence in DESCRIPTION. libical escapes TEXT values
 * (comma, semicolon, backslash, newline), folds lines at 75 octets without
 * splitting UTF-8 characters (3.0.16, checked by test_export_ical.c) and ends
 * lines with CRLF. Everything we pass in is cleaned first (export_util.c), so
 * no input can break a line or add a property. The calendar is written as
 * it is built: its head (the VCALENDAR serialized without events, less its
 * END line), then each VEVENT serialized alone (what libical writes for it
 * inside the calendar) and freed, then END:VCALENDAR, so memory follows one
 * event, not the timeline. The exporter owns each component it builds and
 * the output buffer it writes in blocks.
 */
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "date.h"
#include "error.h"
#include "export.h"
#include "export_util.h"

#define PRODID "-//timeline//timeline " TL_VERSION_PRODID "//EN"
#ifndef TL_VERSION_STRING
#define TL_VERSION_PRODID "0.1"
#else
#define TL_VERSION_PRODID TL_VERSION_STRING
#endif

/* How many actors go into CATEGORIES after the status. */
#define CATEGORY_ACTORS 3

/* Turns a pending libical error (or a NULL it returned) into TL_E*. */
static int ical_failed(const char *what, tl_error *err)
{
	icalerrorenum e = icalerrno;
	icalerror_clear_errno();
	if (e == ICAL_NEWFAILED_ERROR || e == ICAL_NO_ERROR)
		return tl_error_set(err, TL_ENOMEM, "iCalendar export: %s: out of memory", what);
	return tl_error_set(err, TL_EINTERNAL, "iCalendar export: %s: libical: %s", what,
			    icalerror_strerror(e));
}

/* Adds prop (NULL when its constructor failed) to comp, which then owns it. */
static int add_prop(icalcomponent *comp, icalproperty *prop, const char *what, tl_error *err)
{
	if (!prop || icalerrno != ICAL_NO_ERROR) {
		if (prop)
			icalproperty_free(prop);
		return ical_failed(what, err);
	}
	icalcomponent_add_property(comp, prop);
	if (icalerrno != ICAL_NO_ERROR)
		return ical_failed(what, err);
	return TL_OK;
}

/* An X-property with a cleaned, one-line value. libical 3.0.16 escapes the
 * backslash and newline of X values, not the comma and semicolon; neither can
 * end the line or start a property. */
static int add_x(icalcomponent *comp, const char *name, const char *value, tl_buf *scratch,
		 tl_error *err)
{
	tl_buf_reset(scratch);
	if (tl_export_clean(scratch, value, TL_CLEAN_ONE_LINE) != TL_OK)
		return tl_error_nomem(err);
	icalproperty *prop = icalproperty_new_x(scratch->data ? scratch->data : "");
	if (prop) {
		icalproperty_set_x_name(prop, name);
		if (icalerrno != ICAL_NO_ERROR) {
			icalproperty_free(prop);
			return ical_failed(name, err);
		}
	}
	return add_prop(comp, prop, name, err);
}

/* libical 3.0 refuses DATE and DATE-TIME values after this year (BADARG), so
 * events ending later are left out and a later DTSTAMP is clamped to its end. */
#define ICAL_LAST_YEAR 3000

/* The newest article date: timeline->stamp, else the newest mention date. */
static tl_date stamp_date(const tl_timeline *t)
{
	if (tl_date_valid(t->stamp))
		return t->stamp;
	tl_date best = {1970, 1, 1};
	for (size_t i = 0; i < t->n_events; i++) {
		const tl_event *e = &t->events[i];
		for (size_t j = 0; j < e->n_mentions; j++) {
			tl_mention scratch;
			tl_date d = tl_event_mention(e, j, &scratch)->article_date;
			if (tl_date_valid(d) && tl_date_compare(d, best) > 0)
				best = d;
		}
	}
	return best;
}

/*
 * Where the event goes: its own interval; for a vague event without one
 * (PAST_REF, a duration) kept by include_vague, the day of its earliest
 * report. Returns false when it cannot be placed at all.
 */
static bool place_event(const tl_event *e, tl_date *first, tl_date *end)
{
	if (tl_export_event_interval(e, first, end))
		return true;
	bool found = false;
	for (size_t j = 0; j < e->n_mentions; j++) {
		tl_mention scratch;
		tl_date d = tl_event_mention(e, j, &scratch)->article_date;
		if (tl_date_valid(d) && (!found || tl_date_compare(d, *first) < 0)) {
			*first = d;
			found = true;
		}
	}
	return found && tl_export_date_add(*first, 1, end);
}

/* "Source (doc, date): sentence" per mention ("doc (date): sentence" when the
 * outlet is unknown), then the conflict. */
static int describe(tl_buf *b, const tl_event *e)
{
	int rc = TL_OK;
	for (size_t j = 0; j < e->n_mentions && rc == TL_OK; j++) {
		tl_mention scratch;
		const tl_mention *m = tl_event_mention(e, j, &scratch);
		char date[TL_ISO_DATE_SIZE];
		tl_export_date_iso(m->article_date, date);
		if (j > 0)
			rc = tl_buf_putc(b, '\n');
		bool has_source = m->source && m->source[0];
		if (rc == TL_OK && has_source) {
			rc = tl_export_clean(b, m->source, TL_CLEAN_ONE_LINE);
			if (rc == TL_OK)
				rc = tl_buf_puts(b, " (");
		}
		if (rc == TL_OK)
			rc = tl_export_clean(b, m->doc, TL_CLEAN_ONE_LINE);
		if (rc == TL_OK && date[0])
			rc = tl_buf_printf(b, has_source ? ", %s" : " (%s", date);
		if (rc == TL_OK && (has_source || date[0]))
			rc = tl_buf_putc(b, ')');
		if (rc == TL_OK)
			rc = tl_buf_puts(b, ": ");
		if (rc == TL_OK)
			rc = tl_export_clean(b, m->sentence, TL_CLEAN_ONE_LINE);
	}
	if (rc == TL_OK && e->conflict && e->conflict[0]) {
		if (b->len)
			rc = tl_buf_putc(b, '\n');
		if (rc == TL_OK)
			rc = tl_buf_puts(b, "Conflict: ");
		if (rc == TL_OK)
			rc = tl_export_clean(b, e->conflict, TL_CLEAN_ONE_LINE);
	}
	return rc;
}

/* One category value: cleaned, with the list separators libical leaves
 * unescaped in CATEGORIES (comma, semicolon) and backslash made spaces. */
static int put_category(tl_buf *b, const char *item, tl_buf *scratch)
{
	tl_buf_reset(scratch);
	if (tl_export_clean(scratch, item, TL_CLEAN_ONE_LINE) != TL_OK)
		return TL_ENOMEM;
	for (size_t i = 0; i < scratch->len; i++) {
		if (strchr(",;\\", scratch->data[i]))
			scratch->data[i] = ' ';
	}
	const char *p = scratch->data ? scratch->data : "";
	size_t n = scratch->len;
	while (n && *p == ' ')
		p++, n--;
	while (n && p[n - 1] == ' ')
		n--;
	if (!n)
		return TL_OK;
	if (b->len && tl_buf_putc(b, ',') != TL_OK)
		return TL_ENOMEM;
	return tl_buf_append(b, p, n);
}

static int categories(tl_buf *b, const tl_event *e, tl_buf *scratch)
{
	int rc = put_category(b, tl_export_status_name(e->status), scratch);
	for (size_t i = 0; i < e->actors.count && i < CATEGORY_ACTORS && rc == TL_OK; i++)
		rc = put_category(b, e->actors.items[i], scratch);
	return rc;
}

/* A URI value must not carry spaces, controls or non-ASCII bytes: those are
 * percent-encoded (RFC 3986), so a URL can never break the line. */
static int clean_url(tl_buf *b, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		int rc;
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)) {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			rc = tl_buf_append(b, esc, 3);
		} else {
			rc = tl_buf_putc(b, (char)*p);
		}
		if (rc != TL_OK)
			return rc;
	}
	return TL_OK;
}

static const char *first_url(const tl_event *e)
{
	for (size_t j = 0; j < e->n_mentions; j++) {
		tl_mention scratch;
		const char *url = tl_event_mention(e, j, &scratch)->url; /* not in scratch */
		if (url && url[0])
			return url;
	}
	return NULL;
}

static enum icalproperty_status ical_status(tl_event_status status)
{
	switch (status) {
	case TL_STATUS_PLANNED:
		return ICAL_STATUS_TENTATIVE;
	case TL_STATUS_NEGATED:
		return ICAL_STATUS_CANCELLED;
	case TL_STATUS_DONE:
		break;
	}
	return ICAL_STATUS_CONFIRMED;
}

/* Scratch buffers reused across events; freed by the caller. */
typedef struct scratch {
	tl_buf text;
	tl_buf item;
} scratch;

/* A one-line TEXT property; libical escapes it. */
static int text_prop(icalcomponent *ev, icalproperty *(*make)(const char *), const char *value,
		     const char *what, scratch *s, tl_error *err)
{
	tl_buf_reset(&s->text);
	if (tl_export_clean(&s->text, value, TL_CLEAN_ONE_LINE) != TL_OK)
		return tl_error_nomem(err);
	return add_prop(ev, make(s->text.data ? s->text.data : ""), what, err);
}

/* Output written in blocks of about this many bytes. */
#define ICS_BLOCK ((size_t)1 << 20)

/* Serializes comp into out; with end_line, less that last line. */
static int append_component(tl_buf *out, icalcomponent *comp, const char *end_line,
			    tl_error *err)
{
	char *text = icalcomponent_as_ical_string_r(comp);
	if (!text || icalerrno != ICAL_NO_ERROR) {
		free(text);
		return ical_failed("serializing", err);
	}
	size_t n = strlen(text), cut = end_line ? strlen(end_line) : 0;
	int rc = TL_OK;
	if (cut && (n < cut || memcmp(text + n - cut, end_line, cut) != 0))
		rc = tl_error_set(err, TL_EINTERNAL, "iCalendar export: libical did not end the "
				  "calendar with %s; this is a bug", "END:VCALENDAR");
	else if (tl_buf_append(out, text, n - cut) != TL_OK)
		rc = tl_error_nomem(err);
	free(text);
	return rc;
}

static int add_event(tl_buf *out, const tl_event *e, tl_date first, tl_date end,
		     struct icaltimetype stamp, scratch *s, tl_error *err)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	if (!ev)
		return ical_failed("VEVENT", err);
	char uid[sizeof e->id + 16];
	snprintf(uid, sizeof uid, "%s@timeline", e->id);
	char number[32];
	int rc = add_prop(ev, icalproperty_new_uid(uid), "UID", err);
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_dtstamp(stamp), "DTSTAMP", err);
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_dtstart(tl_date_to_ical(first)), "DTSTART",
			      err);
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_dtend(tl_date_to_ical(end)), "DTEND", err);
	if (rc == TL_OK)
		rc = text_prop(ev, icalproperty_new_summary, e->title, "SUMMARY", s, err);
	if (rc == TL_OK) {
		tl_buf_reset(&s->text);
		if (describe(&s->text, e) != TL_OK)
			rc = tl_error_nomem(err);
		else if (s->text.len)
			rc = add_prop(ev, icalproperty_new_description(s->text.data),
				      "DESCRIPTION", err);
	}
	const char *url = first_url(e);
	if (rc == TL_OK && url) {
		tl_buf_reset(&s->text);
		if (clean_url(&s->text, url) != TL_OK)
			rc = tl_error_nomem(err);
		else
			rc = add_prop(ev, icalproperty_new_url(s->text.data), "URL", err);
	}
	if (rc == TL_OK) {
		tl_buf_reset(&s->text);
		if (categories(&s->text, e, &s->item) != TL_OK)
			rc = tl_error_nomem(err);
		else
			rc = add_prop(ev, icalproperty_new_categories(s->text.data),
				      "CATEGORIES", err);
	}
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_status(ical_status(e->status)), "STATUS", err);
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), "TRANSP", err);
	if (rc == TL_OK)
		rc = add_prop(ev, icalproperty_new_sequence(e->sequence > 0 ? e->sequence : 0),
			      "SEQUENCE", err);
	if (rc == TL_OK)
		rc = add_x(ev, "X-TIMELINE-VALUE", e->value, &s->text, err);
	if (rc == TL_OK && e->mod[0])
		rc = add_x(ev, "X-TIMELINE-MOD", e->mod, &s->text, err);
	if (rc == TL_OK)
		rc = add_x(ev, "X-TIMELINE-GRAIN", tl_grain_name(e->grain), &s->text, err);
	if (rc == TL_OK) {
		tl_export_confidence(e->confidence, number);
		rc = add_x(ev, "X-TIMELINE-CONFIDENCE", number, &s->text, err);
	}
	if (rc == TL_OK && e->conflict && e->conflict[0])
		rc = add_x(ev, "X-TIMELINE-CONFLICT", e->conflict, &s->text, err);
	if (rc == TL_OK) {
		snprintf(number, sizeof number, "%zu", e->n_mentions);
		rc = add_x(ev, "X-TIMELINE-MENTIONS", number, &s->text, err);
	}
	if (rc == TL_OK && icalerrno != ICAL_NO_ERROR)
		rc = ical_failed("VEVENT", err);
	if (rc == TL_OK)
		rc = append_component(out, ev, NULL, err);
	icalcomponent_free(ev);
	return rc;
}

static int write_calendar(icalcomponent *cal, const tl_timeline *t,
			  const tl_export_options *options, scratch *s, FILE *f, tl_error *err)
{
	static const char end_line[] = "END:VCALENDAR\r\n";
	tl_buf out = TL_BUF_INIT;
	int rc = add_prop(cal, icalproperty_new_version("2.0"), "VERSION", err);
	if (rc == TL_OK)
		rc = add_prop(cal, icalproperty_new_prodid(PRODID), "PRODID", err);
	if (rc == TL_OK)
		rc = add_prop(cal, icalproperty_new_calscale("GREGORIAN"), "CALSCALE", err);
	if (rc == TL_OK)
		rc = add_x(cal, "X-WR-CALNAME", t->name && t->name[0] ? t->name : "timeline",
			   &s->text, err);

	tl_date sd = stamp_date(t);
	if (sd.year > ICAL_LAST_YEAR)
		sd = (tl_date){ICAL_LAST_YEAR, 12, 31};
	struct icaltimetype stamp = icaltime_null_time();
	stamp.year = sd.year;
	stamp.month = sd.month;
	stamp.day = sd.day;
	stamp.zone = icaltimezone_get_utc_timezone();
	if (rc == TL_OK)
		rc = append_component(&out, cal, end_line, err); /* the head */
	for (size_t i = 0; i < t->n_events && rc == TL_OK; i++) {
		const tl_event *e = &t->events[i];
		tl_date first, end;
		if (tl_export_event_vague(e) && !options->include_vague)
			continue;
		if (!place_event(e, &first, &end) || end.year > ICAL_LAST_YEAR)
			continue;
		rc = add_event(&out, e, first, end, stamp, s, err);
		if (rc == TL_OK && out.len >= ICS_BLOCK) {
			rc = tl_export_write(&out, f, "iCalendar", err);
			out.len = 0;
		}
	}
	if (rc == TL_OK && tl_buf_append(&out, end_line, sizeof end_line - 1) != TL_OK)
		rc = tl_error_nomem(err);
	if (rc == TL_OK)
		rc = tl_export_write(&out, f, "iCalendar", err);
	tl_buf_free(&out);
	return rc;
}

int tl_export_ics(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err)
{
	static const tl_export_options defaults = {0};
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "iCalendar export: no timeline");
	if (!options)
		options = &defaults;
	icalerror_clear_errno();
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!cal)
		return ical_failed("VCALENDAR", err);
	scratch s = {TL_BUF_INIT, TL_BUF_INIT};
	int rc = write_calendar(cal, timeline, options, &s, out, err);
	tl_buf_free(&s.text);
	tl_buf_free(&s.item);
	icalcomponent_free(cal);
	icalerror_clear_errno();
	return rc;
}
