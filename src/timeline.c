/* timeline.c - placeholder timeline container (being written). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export.h"

void tl_strings_free(tl_strings *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->items[i]);
	free(s->items);
	s->items = NULL;
	s->count = 0;
}

void tl_mention_free_fields(tl_mention *m)
{
	free(m->doc);
	free(m->source);
	free(m->url);
	free(m->text);
	free(m->sentence);
	free(m->title);
	tl_strings_free(&m->actors);
	tl_strings_free(&m->keywords);
	tl_strings_free(&m->figures);
}

void tl_event_free_fields(tl_event *e)
{
	free(e->title);
	free(e->conflict);
	tl_strings_free(&e->actors);
	tl_strings_free(&e->keywords);
	for (size_t i = 0; i < e->n_mentions; i++)
		tl_mention_free_fields(&e->mentions[i]);
	free(e->mentions);
}

TL_EXPORT tl_timeline *tl_timeline_build(tl_corpus *corpus, const tl_tagger *tagger,
					 const tl_build_options *options, tl_error *err)
{
	(void)corpus; (void)tagger; (void)options;
	tl_error_set(err, TL_EUSAGE, "building timelines is not available yet");
	return NULL;
}

TL_EXPORT void tl_timeline_free(tl_timeline *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_events; i++)
		tl_event_free_fields(&t->events[i]);
	free(t->events);
	free(t->name);
	free(t);
}

TL_EXPORT size_t tl_timeline_event_count(const tl_timeline *t)
{
	return t->n_events;
}

TL_EXPORT int tl_format_parse(const char *name, tl_format *out)
{
	static const struct { const char *name; tl_format format; } formats[] = {
		{"json", TL_FORMAT_JSON}, {"ics", TL_FORMAT_ICS}, {"csv", TL_FORMAT_CSV},
		{"md", TL_FORMAT_MD},
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			return TL_OK;
		}
	}
	return TL_EUSAGE;
}

TL_EXPORT int tl_timeline_write(const tl_timeline *t, tl_format format,
				const tl_export_options *options, FILE *out, tl_error *err)
{
	tl_export_options defaults = {0};
	if (!options)
		options = &defaults;
	switch (format) {
	case TL_FORMAT_JSON:
		return tl_export_json(t, options, out, err);
	case TL_FORMAT_ICS:
		return tl_export_ics(t, options, out, err);
	case TL_FORMAT_CSV:
		return tl_export_csv(t, options, out, err);
	case TL_FORMAT_MD:
		return tl_export_md(t, options, out, err);
	}
	return tl_error_set(err, TL_EUSAGE, "unknown output format %d", (int)format);
}
