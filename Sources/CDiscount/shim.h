#ifndef BRIGHTSPOTS_CDISCOUNT_SHIM_H
#define BRIGHTSPOTS_CDISCOUNT_SHIM_H
#include <stdio.h>
#include <mkdio.h>

/* markdown_version is an extern char array, which does not import into Swift. */
static inline const char *brightspots_discount_version(void) { return markdown_version; }

/* glibc's memmem, for the Markdown wrapper's searches of discount's output. Declared here because Swift's Glibc
   module leaves out what needs _GNU_SOURCE; the declaration is POSIX 2024's and glibc's own. */
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

static inline const void *brightspots_memmem(const void *haystack, size_t haystacklen, const void *needle,
                                             size_t needlelen) {
    return memmem(haystack, haystacklen, needle, needlelen);
}

#endif
