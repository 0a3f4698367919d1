/*
 * corpus_manifest.c - adds the rows of a CSV manifest to a corpus
 * (tl_corpus_add_manifest): the RFC 4180 reader of csv_read.c, a header row
 * naming the columns (path and date required; source, title, url optional; any
 * order, any case), paths relative to the manifest's folder. A bad row is one
 * failure naming the manifest line, and loading goes on; a row naming a file
 * an earlier row named (same path, or same st_dev/st_ino) is a failure. Each
 * file is loaded through corpus.c (tl_corpus_load_file) with the row's date and
 * metadata. Owns nothing beyond one call: the manifest's bytes and the rows
 * seen are freed before it returns.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "article.h"
#include "corpus.h"
#include "corpus_store.h"
#include "csv_read.h"
#include "error.h"

enum { COL_PATH, COL_DATE, COL_SOURCE, COL_TITLE, COL_URL, N_COLS };

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* A field's value, trimmed, in a malloc()ed string, or NULL when empty; *oom on failure. */
static char *field_value(const tl_csv_record *rec, long col, bool *oom)
{
	if (col < 0 || (size_t)col >= rec->count)
		return NULL;
	const char *s = tl_csv_field(rec, (size_t)col);
	size_t n = strlen(s);
	trim(&s, &n);
	if (n == 0)
		return NULL;
	char *v = strndup(s, n);
	*oom |= v == NULL;
	return v;
}

static int read_whole(const char *path, char **out, size_t *len, file_id *id, tl_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO,
		                    "%s: cannot open manifest: %s; check the --manifest "
		                    "path",
		                    path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
		fclose(f);
		return tl_error_set(err, TL_EIO, "%s: cannot read manifest: %s", path,
				    S_ISDIR(st.st_mode) ? "it is a folder; give the CSV file"
							: strerror(errno));
	}
	*id = (file_id){st.st_dev, st.st_ino};
	char *data = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 > cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *grown = realloc(data, ncap);
			if (!grown) {
				free(data);
				fclose(f);
				return tl_error_nomem(err);
			}
			data = grown;
			cap = ncap;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	int e = errno;
	fclose(f);
	if (failed) {
		free(data);
		return tl_error_set(err, TL_EIO, "%s: cannot read manifest: %s", path, strerror(e));
	}
	*out = data;
	*len = n;
	return TL_OK;
}

/* Maps the header row to columns; TL_EINPUT when path or date is missing. */
static int header_columns(const char *manifest, const tl_csv_record *rec, long cols[N_COLS],
			  tl_error *err)
{
	static const char *const names[N_COLS] = {"path", "date", "source", "title", "url"};
	for (int i = 0; i < N_COLS; i++)
		cols[i] = -1;
	for (size_t f = 0; f < rec->count; f++) {
		const char *s = tl_csv_field(rec, f);
		size_t n = strlen(s);
		trim(&s, &n);
		for (int i = 0; i < N_COLS; i++)
			if (cols[i] < 0 && n == strlen(names[i]) &&
			    strncasecmp(s, names[i], n) == 0)
				cols[i] = (long)f;
	}
	for (int i = 0; i <= COL_DATE; i++)
		if (cols[i] < 0)
			return tl_error_set(err, TL_EINPUT,
			                    "%s:%zu: the header row has no '%s' column; "
			                    "the first line must name the columns, e.g. "
			                    "path,date,source,title,url",
			                    manifest, rec->line, names[i]);
	return TL_OK;
}

typedef struct seen_row {
	char *path;
	file_id id;
	bool has_id;
	size_t line;
} seen_row;

typedef struct manifest_run {
	tl_corpus *c;
	tl_corpus_call *k;
	const char *manifest;
	size_t dir_len;      /* bytes of the manifest's folder prefix, with its '/' */
	long cols[N_COLS];
	seen_row *rows;
	size_t n_rows, cap_rows;
	htable by_path;      /* rows by resolved path */
	htable by_id;        /* rows by (st_dev, st_ino), for rows whose file exists */
} manifest_run;

typedef struct row_probe {
	const manifest_run *m;
	const seen_row *row;
} row_probe;

static bool same_row_path(const void *ctx, size_t index)
{
	const row_probe *p = ctx;
	return strcmp(p->m->rows[index].path, p->row->path) == 0;
}

static bool same_row_id(const void *ctx, size_t index)
{
	const row_probe *p = ctx;
	const seen_row *r = &p->m->rows[index];
	return r->id.dev == p->row->id.dev && r->id.ino == p->row->id.ino;
}

static void row_failure(manifest_run *m, size_t line, const char *fmt, ...) TL_PRINTF(3, 4);

static void row_failure(manifest_run *m, size_t line, const char *fmt, ...)
{
	char what[TL_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	tl_error e;
	tl_error_set(&e, TL_EINPUT, "%s:%zu: %s", m->manifest, line, what);
	tl_corpus_fail(m->c, m->k, &e);
}

/* Returns the line of an earlier row naming the same file, or 0; records this one. */
static int remember_row(manifest_run *m, char *resolved, size_t line, size_t *earlier)
{
	struct stat st;
	seen_row r = {resolved, {0, 0}, false, line};
	if (stat(resolved, &st) == 0)
		r.id = (file_id){st.st_dev, st.st_ino}, r.has_id = true;
	row_probe probe = {m, &r};
	uint64_t ph = tl_str_hash(resolved), ih = r.has_id ? tl_id_hash(r.id) : 0;
	long at = tl_h_find(&m->by_path, ph, same_row_path, &probe);
	if (at < 0 && r.has_id)
		at = tl_h_find(&m->by_id, ih, same_row_id, &probe);
	*earlier = at >= 0 ? m->rows[at].line : 0;
	if (*earlier) {
		free(resolved);
		return TL_OK;
	}
	if (m->n_rows == m->cap_rows) {
		size_t cap = m->cap_rows ? m->cap_rows * 2 : 64;
		seen_row *grown = realloc(m->rows, cap * sizeof *grown);
		if (!grown) {
			free(resolved);
			return TL_ENOMEM;
		}
		m->rows = grown;
		m->cap_rows = cap;
	}
	if (tl_h_add(&m->by_path, ph, m->n_rows) != TL_OK ||
	    (r.has_id && tl_h_add(&m->by_id, ih, m->n_rows) != TL_OK)) {
		free(resolved);
		return TL_ENOMEM;
	}
	m->rows[m->n_rows++] = r;
	return TL_OK;
}

static int manifest_row(manifest_run *m, const tl_csv_record *rec, size_t header_count,
			tl_error *err)
{
	bool empty = true;
	for (size_t i = 0; i < rec->count && empty; i++)
		empty = strspn(tl_csv_field(rec, i), " \t") == strlen(tl_csv_field(rec, i));
	if (empty)
		return TL_OK;
	if (rec->has_nul) {
		row_failure(m, rec->line, "a field holds a NUL byte; save the manifest as plain "
			    "UTF-8 text");
		return TL_OK;
	}
	if (rec->count > header_count) {
		row_failure(m, rec->line,
		            "%zu fields but the header names %zu columns; put a field "
		            "holding commas in double quotes",
		            rec->count, header_count);
		return TL_OK;
	}
	bool oom = false;
	char *path = field_value(rec, m->cols[COL_PATH], &oom);
	char *date = field_value(rec, m->cols[COL_DATE], &oom);
	char *source = field_value(rec, m->cols[COL_SOURCE], &oom);
	char *title = field_value(rec, m->cols[COL_TITLE], &oom);
	char *url = field_value(rec, m->cols[COL_URL], &oom);
	int rc = oom ? TL_ENOMEM : TL_OK;
	const tl_corpus_options *options = tl_corpus_options_of(m->c);
	tl_date d;
	if (rc != TL_OK) {
		/* fall through to the frees */
	} else if (!path) {
		row_failure(m, rec->line, "the path is empty; give the article's file, relative "
			    "to the manifest's folder");
	} else if (!options->date && !date) {
		row_failure(m, rec->line, "'%s' has no date; fill the date column with "
			    "YYYY-MM-DD", path);
	} else if (!options->date && !tl_article_parse_date(date, strlen(date), &d)) {
		row_failure(m, rec->line, "the date '%s' of '%s' is not a real calendar day; write "
			    "it as YYYY-MM-DD", date, path);
	} else {
		char *resolved = path[0] == '/' || m->dir_len == 0
				 ? strdup(path) : malloc(m->dir_len + strlen(path) + 1);
		if (resolved && path[0] != '/' && m->dir_len) {
			memcpy(resolved, m->manifest, m->dir_len);
			strcpy(resolved + m->dir_len, path);
		}
		size_t earlier = 0;
		rc = resolved ? remember_row(m, resolved, rec->line, &earlier) : TL_ENOMEM;
		if (rc == TL_OK && earlier) {
			row_failure(m, rec->line,
			            "'%s' is already listed on line %zu; the first row "
			            "is kept; delete this row",
			            path, earlier);
		} else if (rc == TL_OK) {
			const char *rpath = m->rows[m->n_rows - 1].path;
			tl_article_meta meta = {
			    .date = options->date ? options->date : date,
			    .date_source = options->date ? TL_DATE_OPTION : TL_DATE_MANIFEST,
			    .title = title,
			    .source = source,
			    .url = url,
			    .infer_date = options->infer_date};
			char where[TL_ERROR_MESSAGE_MAX / 2];
			snprintf(where, sizeof where, "%s:%zu: ", m->manifest, rec->line);
			rc = tl_corpus_load_file(m->c, m->k, rpath, &meta, where, err);
		}
	}
	free(path);
	free(date);
	free(source);
	free(title);
	free(url);
	return rc;
}

static int add_manifest_text(manifest_run *m, const char *text, size_t len, tl_error *err)
{
	tl_csv csv;
	tl_csv_record rec = {0};
	tl_error local = {0};
	tl_csv_init(&csv, text, len);
	int got = tl_csv_next(&csv, &rec, &local);
	while (got == 1 && rec.count == 1 && tl_csv_field(&rec, 0)[0] == '\0')
		got = tl_csv_next(&csv, &rec, &local); /* blank lines before the header */
	int rc = TL_OK;
	if (got == 0)
		rc = tl_error_set(err, TL_EINPUT, "%s: the manifest is empty; its first line must "
				  "name the columns, e.g. path,date,source,title,url", m->manifest);
	else if (got < 0)
		rc = got == TL_ENOMEM ? tl_error_nomem(err)
				      : tl_error_set(err, TL_EINPUT, "%s:%zu: bad header row: %s",
						     m->manifest, rec.line, local.message);
	else
		rc = header_columns(m->manifest, &rec, m->cols, err);
	size_t header_count = rec.count;
	while (rc == TL_OK && (got = tl_csv_next(&csv, &rec, &local)) != 0) {
		if (got == TL_ENOMEM)
			rc = tl_error_nomem(err);
		else if (got < 0)
			row_failure(m, rec.line, "%s", local.message);
		else
			rc = manifest_row(m, &rec, header_count, err);
	}
	tl_csv_record_free(&rec);
	return rc;
}

TL_EXPORT int tl_corpus_add_manifest(tl_corpus *c, const char *manifest_path, tl_error *err)
{
	char *text = NULL;
	size_t len = 0;
	file_id id;
	int rc = read_whole(manifest_path, &text, &len, &id, err);
	if (rc != TL_OK)
		return rc;
	if (tl_corpus_note_manifest(c, id) != TL_OK) {
		free(text);
		return tl_error_nomem(err);
	}
	tl_corpus_call k = {0};
	const char *slash = strrchr(manifest_path, '/');
	manifest_run m = {.c = c, .k = &k, .manifest = manifest_path,
			  .dir_len = slash ? (size_t)(slash - manifest_path) + 1 : 0};
	rc = add_manifest_text(&m, text ? text : "", len, err);
	for (size_t i = 0; i < m.n_rows; i++)
		free(m.rows[i].path);
	free(m.rows);
	tl_h_free(&m.by_path);
	tl_h_free(&m.by_id);
	free(text);
	if (rc == TL_OK)
		rc = tl_corpus_settle(c, err);
	return rc != TL_OK ? rc : tl_corpus_finish(&k, err);
}
