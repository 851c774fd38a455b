// A gitleaks-format rule file written for these tests (not gitleaks' own config): one rule per field or construct
// the reader handles, two rules that cannot be translated, and a global allowlist.
export const FIXTURE = String.raw`
title = "sleuth test rules"

[allowlist]
description = "global"
regexes = ['''GLOBALLYALLOWED''']

[[rules]]
id = "acme-key"
description = "Acme API key"
regex = '''(?i)\b(acme_[a-z0-9]{24})\b'''
secretGroup = 1
entropy = 3.0
keywords = ["ACME_"]
tags = ["key", "acme"]

[[rules]]
id = "widget-token"
description = "case-insensitive name, case-sensitive value"
regex = '''(?i:widget)[_-]?token[ \t]*=[ \t]*(?-i:(WT[A-Z0-9]{20}))'''
keywords = ["widget"]

[[rules]]
id = "zed-named"
regex = '''(?P<tok>zed-[0-9a-f]{32})'''
secretGroup = 1
keywords = ["zed-"]

[[rules]]
id = "orbit-second-group"
regex = '''(orbit)_(?:id|key)=([A-Za-z0-9]{16})'''
secretGroup = 2
keywords = ["orbit_"]

[[rules]]
id = "first-non-empty"
regex = '''(?:alpha=([a-z0-9]{12})|beta=([a-z0-9]{12}))'''
keywords = ["alpha=", "beta="]

[[rules]]
id = "pin-entropy"
regex = '''pin=([0-9a-z]{16})'''
entropy = 3.5
keywords = ["pin="]

[[rules]]
id = "stopword-rule"
regex = '''\b(sk-test-[a-z0-9]{20})\b'''
keywords = ["sk-test-"]
[[rules.allowlists]]
stopwords = ["DUMMY"]

[[rules]]
id = "allow-secret"
regex = '''vault_token=([a-z0-9]{20})'''
keywords = ["vault_token"]
[[rules.allowlists]]
regexes = ['''^zz''']

[[rules]]
id = "allow-match"
regex = '''(?:example_|real_)?deploy_key=([a-z0-9]{20})'''
keywords = ["deploy_key"]
[[rules.allowlists]]
regexTarget = "match"
regexes = ['''^example_''']

[[rules]]
id = "allow-line"
regex = '''relay=([a-z0-9]{20})'''
keywords = ["relay="]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''#\s*fake''']

[[rules]]
id = "allow-and"
regex = '''harbor=([a-z0-9]{20})'''
keywords = ["harbor="]
[[rules.allowlists]]
condition = "AND"
stopwords = ["demo"]
paths = ['''job-1/''']

[[rules]]
id = "legacy-allowlist"
regex = '''nimbus=([a-z0-9]{20})'''
keywords = ["nimbus="]
[rules.allowlist]
regexes = ['''^0000''']

[[rules]]
id = "pem-file"
description = "a PEM file among the artifacts"
path = '''(?i)\.pem$'''

[[rules]]
id = "path-and-regex"
path = '''step-9\d\d'''
regex = '''quasar=([a-z0-9]{20})'''
keywords = ["quasar="]

[[rules]]
id = "no-keywords"
regex = '''QQ([0-9]{10})QQ'''

[[rules]]
id = "posix-and-quote"
regex = '''([[:upper:]]{4}\Q.+\E[[:digit:]]{6})'''
keywords = [".+"]

[[rules]]
id = "bad-lookahead"
regex = '''foo(?=bar)'''

[[rules]]
id = "bad-nested"
regex = '''(x+)+y'''
`;
