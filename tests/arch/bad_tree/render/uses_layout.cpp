#include "layout/flow.h"
