/* cmark-gfm's own in-process throughput: the reference for a batch's rows per second.
 *
 * Reads every Markdown file named on standard input into memory first, then times parsing
 * and rendering each to HTML with the extensions and options runbook uses (tables, task
 * lists, strikethrough, autolinks, tag filter, footnotes), one document at a time, and prints
 * documents per second. Built and run by Benchmarks/bench.py. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  cmark_gfm_core_extensions_ensure_registered();
  const char *names[] = {"table", "tasklist", "strikethrough", "autolink", "tagfilter"};
  size_t count = 0, capacity = 1024, bytes = 0;
  char **documents = malloc(capacity * sizeof *documents);
  size_t *lengths = malloc(capacity * sizeof *lengths);
  char path[4096];
  while (fgets(path, sizeof path, stdin)) {
    path[strcspn(path, "\n")] = 0;
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    if (count == capacity) {
      capacity *= 2;
      documents = realloc(documents, capacity * sizeof *documents);
      lengths = realloc(lengths, capacity * sizeof *lengths);
    }
    documents[count] = malloc(length);
    lengths[count] = fread(documents[count], 1, length, file);
    bytes += lengths[count];
    fclose(file);
    count++;
  }
  int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
  double start = now();
  for (size_t i = 0; i < count; i++) {
    cmark_parser *parser = cmark_parser_new(options);
    for (int e = 0; e < 5; e++) cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[e]));
    cmark_parser_feed(parser, documents[i], lengths[i]);
    cmark_node *document = cmark_parser_finish(parser);
    char *html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
    free(html);
    cmark_node_free(document);
    cmark_parser_free(parser);
  }
  double elapsed = now() - start;
  printf("{\"documents\": %zu, \"bytes\": %zu, \"seconds\": %.6f, \"documents_per_second\": %.1f}\n",
         count, bytes, elapsed, count / elapsed);
  return 0;
}
