/* extract.c - placeholder; the event stage is being written. */
#include "event.h"
