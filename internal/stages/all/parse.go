package all

import _ "github.com/newsgraph/newsgraph/internal/annotate/parse"
