#ifndef BRIGHTSPOTS_CDISCOUNT_SHIM_H
#define BRIGHTSPOTS_CDISCOUNT_SHIM_H
#include <stdio.h>
#include <mkdio.h>

/* markdown_version is an extern char array, which does not import into Swift. */
static inline const char *brightspots_discount_version(void) { return markdown_version; }

#endif
