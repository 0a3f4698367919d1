/* recognize.c - placeholder; the tagging stage is being written. */
#include "tagger.h"
