package all

import _ "github.com/newsgraph/newsgraph/internal/source/urllist"
