"""Word lists for the evaluation world (``vrdndi.sources.world``): sites, files, games, songs, video
titles. Written apart from the model code; nothing here is tuned to a model."""

from __future__ import annotations

# the characters of YouTube video, channel and etag ids
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

# -- tech ---------------------------------------------------------------------------------------

TECHS = {
    "python": {"ext": ["py"], "words": ["asyncio", "pandas", "FastAPI", "Django", "pytest", "typing", "decorators",
                                        "generators", "dataclasses", "poetry", "uv", "numpy", "SQLAlchemy"]},
    "go": {"ext": ["go"], "words": ["goroutines", "channels", "generics", "context", "gRPC", "interfaces",
                                    "error handling", "modules", "testing", "pprof", "sync.Mutex"]},
    "rust": {"ext": ["rs", "toml"], "words": ["borrow checker", "lifetimes", "traits", "async", "tokio", "serde",
                                              "macros", "unsafe", "cargo", "iterators", "Bevy", "WebAssembly"]},
    "typescript": {"ext": ["ts", "tsx"], "words": ["React", "hooks", "Next.js", "type narrowing", "generics",
                                                   "Vite", "zod", "tRPC", "state management", "Svelte", "Node.js"]},
    "kubernetes": {"ext": ["yaml"], "words": ["Helm", "operators", "ingress", "pods", "ArgoCD", "autoscaling",
                                              "service mesh", "kubectl", "CRDs", "networking"]},
    "postgres": {"ext": ["sql"], "words": ["indexes", "query planner", "EXPLAIN ANALYZE", "vacuum", "partitioning",
                                           "JSONB", "replication", "CTEs", "window functions", "locks"]},
    "terraform": {"ext": ["tf"], "words": ["modules", "state", "providers", "AWS", "workspaces", "drift",
                                           "Terragrunt", "IAM", "VPC"]},
    "cpp": {"ext": ["cpp", "h"], "words": ["templates", "move semantics", "CMake", "smart pointers", "concepts",
                                           "coroutines", "ranges", "memory model", "SIMD"]},
    "ml": {"ext": ["py", "ipynb"], "words": ["transformers", "PyTorch", "fine-tuning", "LoRA", "embeddings",
                                             "attention", "diffusion", "gradient descent", "RAG", "tokenizers"]},
    "linux": {"ext": ["sh", "conf"], "words": ["systemd", "bash", "eBPF", "the kernel", "NixOS", "Arch", "tmux",
                                               "Neovim", "zsh", "file systems"]},
    "gamedev": {"ext": ["gd", "cs"], "words": ["Godot", "Unity", "shaders", "procedural generation", "pathfinding",
                                               "ECS", "physics", "pixel art", "game jam"]},
    "data": {"ext": ["sql", "py"], "words": ["dbt", "Airflow", "Spark", "DuckDB", "Parquet", "data modeling",
                                             "Kafka", "streaming", "BigQuery"]},
}

MODULE_WORDS = ["auth", "billing", "invoice", "scheduler", "worker", "client", "server", "handlers", "routes",
                "models", "schema", "migrations", "utils", "config", "cache", "queue", "metrics", "logging",
                "retry", "parser", "lexer", "render", "store", "session", "payments", "ledger", "export",
                "import", "search", "index", "api", "events", "notifications", "webhooks", "users", "accounts",
                "permissions", "rate_limit", "pipeline", "loader", "settings", "main", "app", "cli", "types",
                "errors", "health", "admin", "report", "sync", "backup", "audit", "tenant", "orders", "cart"]
FILE_SUFFIX = ["", "_test", "_service", "_handler", "_repo", "_utils", "_v2", "_client", "_types"]
DIRS = ["src", "internal", "pkg", "lib", "app", "cmd", "services", "core", "web/src", "api", "tests", "scripts"]

COMMANDS = ["git status", "git log --oneline", "make test", "go test ./...", "cargo build", "cargo test",
            "pytest -x", "npm run dev", "kubectl get pods -n staging", "terraform plan", "docker compose up",
            "htop", "vim", "nvim .", "psql billing", "ssh bastion-2", "tail -f app.log", "k9s", "python manage.py shell",
            "less README.md", "man rsync", "brew upgrade", "sudo apt upgrade", "tmux attach -t dev", "jq . out.json"]

STACK_Q = ["How do I {w} in {t} without {x}?", "Why does {w} {v} when {c}?", "{t}: {w} returns {r}",
           "Best way to {a} {w} in {t}", "{w} is slow with {c}", "Unexpected {r} from {w}",
           "Difference between {w} and {w2}", "How to mock {w} in tests", "{t} {w} not working after upgrade",
           "Cannot {a} {w}: permission denied", "{w} vs {w2} performance"]
STACK_X = ["a global lock", "blocking the loop", "copying", "recursion", "an extra dependency", "restarting",
           "leaking memory", "a race condition", "root"]
STACK_V = ["hang", "deadlock", "panic", "segfault", "time out", "leak memory", "return None", "fail silently"]
STACK_C = ["running in Docker", "the input is empty", "called twice", "under load", "on ARM", "in CI only",
           "with unicode paths", "after a fork"]
STACK_R = ["an empty list", "wrong results", "NaN", "a 502", "duplicate rows", "an off-by-one", "stale data"]
STACK_A = ["cancel", "serialize", "stream", "batch", "cache", "retry", "profile", "configure", "pin", "test"]

ISSUE_TITLES = ["Flaky test in {m}", "Timeout when {m} retries", "Add metrics for {m}", "Refactor {m} module",
                "Crash on empty {m} payload", "Bump dependency for {m}", "Support pagination in {m}",
                "Document {m} config", "Memory leak in {m}", "Race condition between {m} and {m2}",
                "Migrate {m} to the new client", "Deprecate old {m} endpoint", "Slow query in {m}",
                "{m}: handle 429 from upstream", "Cleanup unused {m} flags"]
ORGS = ["acme", "acme-platform", "tokio-rs", "golang", "python", "vercel", "hashicorp", "kubernetes",
        "rust-lang", "pytorch", "facebook", "microsoft", "sveltejs", "astral-sh", "duckdb", "neovim"]

# -- web ----------------------------------------------------------------------------------------

NEWS_SITES = [("The Guardian", "theguardian.com"), ("BBC News", "bbc.com/news"), ("The Verge", "theverge.com"),
              ("Ars Technica", "arstechnica.com"), ("Reuters", "reuters.com"), ("The New York Times", "nytimes.com"),
              ("Der Spiegel", "spiegel.de"), ("AP News", "apnews.com"), ("Wired", "wired.com"), ("NPR", "npr.org")]
NEWS_SUBJ = ["Senate", "The central bank", "Scientists", "Regulators", "Apple", "Google", "City council",
             "Researchers", "Voters", "Airline", "The EU", "NASA", "Farmers", "Tesla", "Teachers' union",
             "Hospital workers", "The Fed", "Startup", "Storm", "Heatwave", "Climate summit", "Court"]
NEWS_VERB = ["approves", "warns about", "delays", "unveils", "rejects", "investigates", "cuts", "doubles",
             "plans", "faces backlash over", "settles", "bans", "expands", "pauses", "confirms"]
NEWS_OBJ = ["new budget", "AI rules", "rate decision", "privacy law", "housing plan", "chip exports",
            "price hikes", "strike", "merger", "launch date", "energy subsidies", "transit fares", "recall",
            "school funding", "data breach", "emissions target", "tax credit", "election results"]

SUBREDDITS = ["programming", "rust", "golang", "Python", "ExperiencedDevs", "buildapc", "pcgaming", "gaming",
              "eldenring", "factorio", "BaldursGate3", "Cooking", "AskReddit", "worldnews", "news", "pics",
              "mechanicalkeyboards", "homelab", "selfhosted", "running", "fitness", "soccer", "nba",
              "personalfinance", "LifeProTips", "todayilearned", "MovieSuggestions", "linux", "unixporn",
              "cscareerquestions", "DIY", "coffee", "StardewValley", "Games", "boardgames", "travel"]
REDDIT_POST = ["What's your unpopular opinion about {x}?", "Finally finished my {x} build", "PSA: {x} is on sale",
               "I made a {x} tracker in a weekend", "Is {x} worth it in 2026?", "{x} appreciation thread",
               "Help: {x} keeps crashing", "My first {x} after 3 months", "TIL about {x}",
               "Weekly {x} discussion", "Rate my {x} setup", "Anyone else tired of {x}?"]
REDDIT_X = ["sourdough", "homelab", "mechanical keyboard", "standing desk", "Rust", "ultrawide monitor",
            "marathon", "cast iron pan", "Steam Deck", "espresso", "NixOS", "Factorio base", "3D printer",
            "budget", "Neovim config", "tiling window manager", "GPU", "bike", "sleep schedule", "career change"]

SHOP = [("Amazon.com", "amazon.com"), ("eBay", "ebay.com"), ("Best Buy", "bestbuy.com"), ("IKEA", "ikea.com")]
PRODUCTS = ["USB-C hub", "27\" 4K monitor", "mechanical keyboard", "noise cancelling headphones", "desk lamp",
            "ergonomic mouse", "office chair", "air fryer", "running shoes", "SSD 2TB", "webcam", "mic arm",
            "coffee grinder", "backpack", "smart plug", "router", "standing desk frame", "bookshelf", "kettle"]

WIKI = ["Byzantine Empire", "Turing machine", "Fourier transform", "Mount Everest", "Roman roads",
        "Bloom filter", "Great Emu War", "Voyager 1", "CAP theorem", "Sourdough", "Dunning-Kruger effect",
        "Ottoman Empire", "Higgs boson", "Tardigrade", "Hanseatic League", "Monty Hall problem",
        "Lambda calculus", "Octopus", "Chernobyl disaster", "Printing press", "Raft (algorithm)",
        "Bauhaus", "Jazz fusion", "Ship of Theseus", "Kessler syndrome", "Daylight saving time",
        "Silk Road", "Mars rover", "Plate tectonics", "Game theory", "Dijkstra's algorithm", "Apollo 13"]

DOC_PAGES = {
    "python": ["asyncio — Asynchronous I/O — Python 3.13 documentation", "typing — Support for type hints",
               "pathlib — Object-oriented filesystem paths", "dataclasses — Data Classes", "pytest fixtures"],
    "go": ["context package - context - Go Packages", "Effective Go - The Go Programming Language",
           "sync package - sync - Go Packages", "net/http package - net/http - Go Packages"],
    "rust": ["std::collections - Rust", "The Rust Programming Language - Ownership", "tokio - Rust",
             "serde - Rust", "Iterator in std::iter - Rust"],
    "typescript": ["useEffect – React", "TypeScript: Documentation - Narrowing", "Getting Started | Vite",
                   "Routing: Pages and Layouts | Next.js"],
    "kubernetes": ["Deployments | Kubernetes", "Ingress | Kubernetes", "Helm | Charts", "kubectl Cheat Sheet"],
    "postgres": ["PostgreSQL: Documentation: 17: CREATE INDEX", "PostgreSQL: Documentation: 17: EXPLAIN",
                 "PostgreSQL: Documentation: 17: Routine Vacuuming"],
    "terraform": ["Resource: aws_iam_role - Terraform Registry", "Modules Overview - Terraform",
                  "State: Locking | Terraform"],
    "cpp": ["std::vector - cppreference.com", "std::unique_ptr - cppreference.com", "CMake Tutorial"],
    "ml": ["Trainer - Hugging Face", "torch.nn — PyTorch documentation", "LoRA - PEFT documentation"],
    "linux": ["systemd.service(5) - Linux manual page", "tmux(1) - Linux manual page", "Arch Wiki - Systemd"],
    "gamedev": ["Godot Docs – Node2D", "Unity - Scripting API: MonoBehaviour", "The Book of Shaders"],
    "data": ["dbt Docs - Models", "DuckDB – SQL Introduction", "Apache Airflow - DAGs"],
}

WORK_TOOLS = ["Jira", "Confluence", "Datadog", "Grafana", "PagerDuty", "Sentry", "AWS Console", "Linear",
              "Notion", "Figma", "Google Drive"]
JIRA_KEYS = ["BILL", "PLAT", "WEB", "OPS", "DATA", "MOB"]
DOC_NAMES = ["Q{q} roadmap", "Design doc: {m} rewrite", "Postmortem {m} outage", "Interview loop notes",
             "Team offsite agenda", "OKRs {q}", "Onboarding checklist", "RFC: {m} v2", "Weekly status {d}",
             "Budget {q}", "Hiring plan", "{m} runbook", "Architecture review {d}", "Meeting notes {d}"]
SHEETS = ["Budget {q}.xlsx", "Capacity plan.xlsx", "Vendor costs {q}.xlsx", "On-call schedule.xlsx",
          "Metrics export {d}.csv", "Headcount.xlsx"]

EMAIL_SUBJ = ["Re: {m} incident follow-up", "Invitation: {mt} @ {d}", "Your order has shipped", "Weekly digest",
              "Fwd: {m} contract", "Action required: security training", "Re: offsite logistics",
              "Your statement is ready", "Receipt from {shop}", "Re: Re: {m} estimate", "Newsletter: {t} weekly",
              "Accepted: {mt}", "Updated invitation: {mt}", "Expense report approved", "PTO request"]

SLACK_CHANNELS = ["#team-backend", "#incidents", "#general", "#random", "#deploys", "#billing-eng",
                  "#platform", "#help-kubernetes", "#code-review", "#standup", "#watercooler", "#announcements",
                  "#oncall", "#frontend", "#data-eng", "#hiring", "#design", "#release-train"]
PEOPLE = ["Priya Patel", "Marcus Chen", "Sofia Rossi", "Jonas Weber", "Amara Okafor", "Liam O'Brien",
          "Yuki Tanaka", "Elena Petrova", "Diego Alvarez", "Hannah Schmidt", "Omar Haddad", "Chloe Martin",
          "Noah Kim", "Fatima Zahra", "Ben Carter", "Ines Moreau", "Kofi Mensah", "Sara Lindqvist"]
DISCORD_SERVERS = ["Friday Night Gaming", "Rustaceans", "The Factory Must Grow", "Book Club", "Old Uni Friends",
                   "Godot Engine", "Homelab", "Speedrunning", "Larian Fans", "Run Club"]
DISCORD_CHANNELS = ["#general", "#memes", "#lfg", "#voice-chat", "#screenshots", "#help", "#off-topic",
                    "#music", "#builds", "#announcements"]

MEETINGS = ["Daily standup", "1:1 with {p}", "Sprint planning", "Backlog grooming", "Retro", "Team sync",
            "Architecture review", "Incident review", "Interview: backend engineer", "All hands",
            "Demo day", "Roadmap planning", "Vendor call", "Design critique", "Pairing with {p}",
            "Customer call", "Hiring debrief", "Quarterly business review", "Coffee chat with {p}"]

# -- leisure ------------------------------------------------------------------------------------

GAMES = [  # (title shown, exe, short name used in video titles, genre)
    ("ELDEN RING™", "eldenring.exe", "Elden Ring", "soulslike"),
    ("Factorio", "factorio.exe", "Factorio", "factory"),
    ("Baldur's Gate 3", "bg3.exe", "Baldur's Gate 3", "rpg"),
    ("Counter-Strike 2", "cs2.exe", "Counter-Strike 2", "fps"),
    ("Stardew Valley", "Stardew Valley.exe", "Stardew Valley", "cozy"),
    ("Hades II", "Hades2.exe", "Hades 2", "roguelike"),
    ("Sid Meier's Civilization VI", "CivilizationVI.exe", "Civ 6", "strategy"),
    ("Cyberpunk 2077", "Cyberpunk2077.exe", "Cyberpunk 2077", "rpg"),
    ("Minecraft", "javaw.exe", "Minecraft", "sandbox"),
    ("RimWorld", "RimWorldWin64.exe", "RimWorld", "colony"),
    ("Satisfactory", "FactoryGame.exe", "Satisfactory", "factory"),
    ("Hollow Knight: Silksong", "Silksong.exe", "Silksong", "metroidvania"),
    ("Balatro", "Balatro.exe", "Balatro", "roguelike"),
    ("Rocket League", "RocketLeague.exe", "Rocket League", "sports"),
]

ARTISTS = ["Bonobo", "Tycho", "Nujabes", "Khruangbin", "Radiohead", "Daft Punk", "Phoebe Bridgers", "Bicep",
           "Four Tet", "Fred again..", "The National", "Tame Impala", "Massive Attack", "Caribou", "Jon Hopkins",
           "Big Thief", "Kendrick Lamar", "SZA", "Arctic Monkeys", "Boards of Canada", "Ólafur Arnalds",
           "Nils Frahm", "Floating Points", "Little Simz", "Beach House", "Moderat", "Air", "Portishead",
           "Men I Trust", "Mac DeMarco", "Japanese Breakfast", "Aphex Twin", "Burial", "Thom Yorke", "Hania Rani"]
SONG_A = ["Midnight", "Golden", "Slow", "Electric", "Quiet", "Broken", "Silver", "Paper", "Velvet", "Neon",
          "Distant", "Lost", "Late", "Blue", "Heavy", "Soft", "Summer", "Northern", "Hollow", "Open"]
SONG_B = ["Light", "Hours", "Rain", "Waves", "Signal", "Garden", "Machine", "Window", "Static", "River",
          "Ghosts", "Motion", "Air", "Fire", "Lines", "City", "Dreams", "Tides", "Echoes", "Home"]

MOVIES = ["Dune.Part.Two.2024.1080p", "The.Grand.Budapest.Hotel.2014", "Arrival.2016.BluRay", "Spirited.Away.2001",
          "Blade.Runner.2049", "Interstellar.2014.2160p", "Past.Lives.2023", "The.Bear.S03E04", "Severance.S02E07",
          "Shogun.S01E09", "Andor.S02E03", "Everything.Everywhere.All.at.Once.2022", "Oppenheimer.2023",
          "Perfect.Days.2023", "The.Holdovers.2023", "Planet.Earth.III.E02", "Chernobyl.S01E03"]
STREAMING = [("Netflix", "netflix.com"), ("Disney+", "disneyplus.com"), ("Twitch", "twitch.tv"),
             ("Prime Video", "primevideo.com")]
TWITCH = ["speedrun marathon", "chill Factorio megabase", "ranked grind", "first playthrough", "just chatting",
          "coding a compiler live", "indie game showcase", "chess blitz", "Elden Ring no-hit attempts"]

# -- videos -------------------------------------------------------------------------------------
# kind -> categoryId (YouTube), channels, title templates, tag pool, description templates, duration (min)

KIND_INFO = {
    "tutorial": {"cat": "28", "min": (6, 45)},
    "talk": {"cat": "28", "min": (20, 60)},
    "lecture": {"cat": "27", "min": (45, 95)},
    "news": {"cat": "25", "min": (3, 20)},
    "music_mix": {"cat": "10", "min": (45, 180)},
    "lofi": {"cat": "10", "min": (60, 240)},
    "lets_play": {"cat": "20", "min": (15, 90)},
    "gaming_news": {"cat": "20", "min": (8, 30)},
    "comedy": {"cat": "23", "min": (3, 18)},
    "standup": {"cat": "23", "min": (8, 70)},
    "vlog": {"cat": "22", "min": (8, 30)},
    "podcast": {"cat": "22", "min": (60, 200)},
    "cooking": {"cat": "26", "min": (6, 25)},
    "sports": {"cat": "17", "min": (4, 15)},
    "short": {"cat": "24", "min": (0.2, 0.98)},
    "documentary": {"cat": "27", "min": (40, 120)},
    "sleep": {"cat": "24", "min": (60, 480)},
    "fitness": {"cat": "17", "min": (10, 45)},
    "science": {"cat": "28", "min": (10, 35)},
    "tech_review": {"cat": "28", "min": (8, 25)},
}

CHANNELS = {
    "tutorial": ["Fireship", "Corey Schafer", "The Primeagen", "Traversy Media", "NeetCode", "Hussein Nasser",
                 "TechWorld with Nana", "ArjanCodes", "Let's Get Rusty", "Jon Gjengset", "Theo - t3.gg",
                 "anthonywritescode", "DevOps Toolkit", "Andreas Kling", "Code Aesthetic"],
    "talk": ["GOTO Conferences", "Strange Loop", "PyCon US", "RustConf", "GopherCon", "CppCon", "NDC Conferences",
             "KubeCon + CloudNativeCon", "InfoQ", "Jane Street"],
    "lecture": ["MIT OpenCourseWare", "Stanford Online", "CMU Database Group", "3Blue1Brown", "Yale Courses",
                "Harvard CS50", "The Royal Institution"],
    "news": ["Guardian News", "BBC News", "DW News", "PBS NewsHour", "CNBC Television", "Sky News",
             "TLDR News", "Vox", "Bloomberg Television"],
    "music_mix": ["KEXP", "Boiler Room", "Cercle", "NPR Music", "Mahogany", "Majestic Casual", "Mixmag",
                  "COLORS", "HÖR BERLIN"],
    "lofi": ["Lofi Girl", "Chillhop Music", "College Music", "the bootleg boy", "STEEZYASFUCK", "Dreamhop Music",
             "Ambient Worlds", "Cozy Coffee Shop"],
    "lets_play": ["Markiplier", "jacksepticeye", "Nookrium", "Nilesy", "ImKibitz", "Let's Game It Out",
                  "Splattercat Gaming", "Retromation", "DoctorBenjy FM", "Aliensrock", "RTGame"],
    "gaming_news": ["IGN", "GameSpot", "Digital Foundry", "Skill Up", "Gameranx", "Noclip",
                    "People Make Games", "Jimquisition"],
    "comedy": ["Saturday Night Live", "Jimmy Kimmel Live", "Taskmaster", "Key & Peele", "Dropout", "Ryan George",
               "Pitch Meeting", "Smosh", "Gus Johnson", "Danny Gonzalez", "Internet Historian"],
    "standup": ["Netflix Is A Joke", "Comedy Central Stand-Up", "Just For Laughs", "Dry Bar Comedy",
                "Don't Tell Comedy"],
    "vlog": ["Casey Neistat", "Ali Abdaal", "Peter McKinnon", "Yes Theory", "Nathaniel Drew", "Abroad in Japan",
             "Kara and Nate", "Matt D'Avella", "Not Just Bikes", "Tom Scott"],
    "podcast": ["Lex Fridman", "Huberman Lab", "The Changelog", "Acquired", "Hard Fork", "Dwarkesh Patel",
                "Darknet Diaries", "Lenny's Podcast", "Decoder with Nilay Patel", "Tim Ferriss",
                "Software Unscripted", "CoRecursive"],
    "cooking": ["Joshua Weissman", "Babish Culinary Universe", "Ethan Chlebowski", "Adam Ragusa",
                "J. Kenji López-Alt", "Bon Appétit", "Maangchi", "Chinese Cooking Demystified", "Internet Shaquille",
                "Pasta Grammar"],
    "sports": ["NBA", "Premier League", "ESPN", "Formula 1", "UFC", "Bundesliga", "NFL", "Tennis TV",
               "House of Highlights", "CBS Sports Golazo"],
    "short": ["Fireship", "MrBeast", "Zach King", "Khaby Lame", "Dude Perfect", "Daily Dose Of Internet",
              "Joshua Weissman", "Taskmaster", "NBA", "IGN", "ThePrimeTime", "Veritasium"],
    "documentary": ["DW Documentary", "Real Stories", "Timeline - World History Documentaries", "VICE",
                    "National Geographic", "Free Documentary", "Wendover Productions", "Jacob Geller",
                    "Hbomberguy", "LEMMiNO", "Kurzgesagt – In a Nutshell"],
    "sleep": ["Gibi ASMR", "ASMR Darling", "Relaxing White Noise", "Soothing Relaxation", "Jason Stephenson",
              "Rain Sounds Channel", "Sleepy History", "Boring History for Sleep"],
    "fitness": ["Yoga With Adriene", "Jeff Nippard", "Athlean-X", "MadFit", "Chloe Ting", "The Run Experience",
                "Hybrid Calisthenics", "Jeremy Ethier", "Mobility Lab"],
    "science": ["Veritasium", "Kurzgesagt – In a Nutshell", "SmarterEveryDay", "Steve Mould", "Sabine Hossenfelder",
                "PBS Space Time", "Numberphile", "Tom Scott", "Practical Engineering", "Physics Girl"],
    "tech_review": ["Marques Brownlee", "Linus Tech Tips", "Dave2D", "The Verge", "Hardware Unboxed",
                    "Gamers Nexus", "JerryRigEverything", "Snazzy Labs", "Jeff Geerling"],
}

TITLES = {
    "tutorial": ["{w} in {t} Explained in {n} Minutes", "Learn {w} ({T} Tutorial for Beginners)",
                 "{T} {w} Crash Course", "Stop Doing This With {w} in {T}", "I Rewrote Our {m} Service in {T}",
                 "{n} {T} Tips I Wish I Knew Earlier", "Mastering {w} — {T} Deep Dive",
                 "Build a {m} API with {T} and {w}", "{w} is Finally Good in {T}",
                 "The RIGHT Way to Use {w} ({T})", "{T} {w}: Full Course", "Why Your {w} Code Is Slow",
                 "{w} from Scratch in {T}", "Testing {w} in {T} the Easy Way", "{T} in 100 Seconds: {w}"],
    "talk": ["{w} at Scale — {conf} {y}", "Lessons from Running {w} in Production", "The Hidden Cost of {w}",
             "{conf} {y}: {w} the Hard Parts", "Keynote: The Future of {T}", "Debugging {w}: A War Story",
             "{w} Without Fear", "What I Learned Building {m} with {T}", "Designing {m} Systems with {w}"],
    "lecture": ["Lecture {n}: {lt}", "{course} — Lecture {n}: {lt}", "{lt} | {course} Fall {y}",
                "{course} {y}: {lt}", "Intro to {lt} (Full Lecture)"],
    "news": ["{ns} {nv} {no} — what it means", "{ns} {nv} {no}", "Live: {ns} {nv} {no}",
             "Why {ns} {nv} {no} | explained", "{no}: {ns} {nv} it", "Breaking: {ns} {nv} {no}",
             "The week in news: {no}, {no2}", "{ns} {nv} {no} amid protests"],
    "music_mix": ["{ar} Live at {venue}", "{genre} Mix {y} | {mood} Sessions", "{ar} | Boiler Room {city}",
                  "{ar} @ {venue} for Cercle", "{mood} {genre} Mix — {n} Hours", "Best of {ar} — Full Set",
                  "{ar}: Tiny Desk Concert", "{genre} for {activity} | {mood} mix"],
    "lofi": ["lofi hip hop radio 📚 beats to {activity} to", "{mood} lofi beats to {activity} to",
             "{n} hours of {mood} lofi for {activity}", "rainy {place} lofi ☔ {mood} beats",
             "{place} jazz — {mood} music for {activity}", "lofi {place} ~ {mood} beats to {activity}",
             "coding lofi 💻 {n} hour deep focus mix", "synthwave radio 🌌 {mood} beats to {activity}"],
    "lets_play": ["{g} Part {n} - {lp}", "I Played {g} for 100 Hours", "{g} but {lp_twist}",
                  "Beating {g} with {lp_twist2}", "{g} Let's Play #{n}: {lp}", "My {g} Run Went Horribly Wrong",
                  "{g} - The FULL Story So Far", "Can I Finish {g} in One Day?", "{g} Is Still Amazing in {y}"],
    "gaming_news": ["{g} Review", "{g} - Before You Buy", "{g} Patch {n}.0 Changes Everything",
                    "The State of {g} in {y}", "Top {n} Games of the Month", "{g} Tech Analysis",
                    "Why {g} Sold So Well", "{g} DLC Trailer Reaction", "Is {g} Worth It?"],
    "comedy": ["{cs} - {cshow}", "When {csit}", "Pitch Meeting: {film}", "{cshow}: {csit}",
               "If {csit} Were Honest", "Every {cpl} Ever", "{cshow} | {cs}", "POV: {csit}"],
    "standup": ["{comic}: {special} (Full Special)", "{comic} - {csub} | Stand-Up", "{comic} on {csub}",
                "Best of {comic} | {n} Minutes of Stand-Up", "{comic} Roasts the Crowd"],
    "vlog": ["A Week in My Life as a {job}", "I Moved to {city}", "{n} Days in {city}", "My Morning Routine ({y})",
             "Why I Quit {thing}", "I Tried {thing} for 30 Days", "Honest Thoughts on {thing}",
             "Day in the Life: {job} in {city}", "Building My Dream {room}"],
    "podcast": ["#{n} – {guest}: {pt}", "{pt} with {guest}", "Ep. {n}: {pt}", "{guest} on {pt} | Full Episode",
                "{pt} (with {guest})", "The {pt} Episode", "{guest}: {pt} and {pt2}"],
    "cooking": ["The Best {dish} You'll Ever Make", "{dish} 3 Ways", "Making {dish} From Scratch",
                "{n}-Minute {dish} (Weeknight Dinner)", "Why Your {dish} Is Bland", "But Cheaper: {dish}",
                "Perfect {dish} Every Time", "I Tested Every {dish} Hack", "{dish} — Restaurant vs Home"],
    "sports": ["{team1} vs {team2} | Highlights", "{team1} {s1}-{s2} {team2} | Extended Highlights",
               "Top {n} Plays of the Week", "{player} Drops {n} Points", "{race} Race Highlights",
               "{player} Best Moments {y}", "Every Goal: Matchday {n}"],
    "short": ["{sh} #shorts", "wait for it... {sh}", "{sh} 😂", "POV: {sh}", "{sh} in 30 seconds",
              "{sh} #{tag}", "Did you know? {sh}", "{sh} (gone wrong)"],
    "documentary": ["The Rise and Fall of {subj}", "{subj}: The Untold Story", "Inside {subj}",
                    "How {subj} Changed Everything", "The Strange History of {subj}", "Why {subj} Failed",
                    "{subj} | Full Documentary", "The Collapse of {subj}", "Life Inside {subj}"],
    "sleep": ["{n} Hours of {noise} for Sleep", "ASMR {asmr} for Sleep 😴", "Fall Asleep Fast: {noise}",
              "Boring History for Sleep: {subj}", "ASMR {asmr} (No Talking)", "{noise} — Black Screen {n} Hours",
              "Sleep Story: {subj}", "Deep Sleep Music {n} Hours | {noise}"],
    "fitness": ["{n}-Minute {workout} Workout", "{workout} for Beginners (No Equipment)",
                "The Perfect {workout} Routine", "{n} Min {workout} | Follow Along", "Yoga for {yoga}",
                "Stop Doing {workout} Like This", "Full Body {workout} — Day {n}"],
    "science": ["Why {sci} Is Weirder Than You Think", "The {sci} Problem", "How Does {sci} Actually Work?",
                "The Surprising Truth About {sci}", "I Built a {sci} Machine", "{sci} Explained",
                "What If {sci} Stopped?", "The Math Behind {sci}"],
    "tech_review": ["{prod} Review: {verdict}", "{prod} — {n} Months Later", "{prod} vs {prod2}",
                    "Don't Buy {prod} Before Watching This", "The Truth About {prod}", "{prod} Unboxing",
                    "I Switched to {prod}", "Best {prodcat} of {y}"],
}

FILL = {
    "conf": ["GOTO", "Strange Loop", "PyCon", "RustConf", "GopherCon", "CppCon", "NDC Oslo", "KubeCon", "QCon"],
    "lt": ["Dynamic Programming", "Distributed Consensus", "Query Optimization", "Linear Algebra Review",
           "Neural Networks", "Operating System Scheduling", "Concurrency Control", "Graph Algorithms",
           "Information Theory", "Compilers: Parsing", "Probability and Bayes", "Cryptography Basics",
           "Thermodynamics", "The French Revolution", "Microeconomics: Markets", "B-Trees and Indexing"],
    "course": ["MIT 6.006", "CS50", "CMU 15-445", "Stanford CS229", "MIT 18.06", "CS 61A", "MIT 6.824", "Yale ECON 251"],
    "venue": ["the Eiffel Tower", "Machu Picchu", "Berghain", "KEXP Studio", "Red Rocks", "the Salar de Uyuni",
              "a Rooftop in Lisbon", "Printworks", "Tiny Desk"],
    "genre": ["Deep House", "Melodic Techno", "Jazz", "Ambient", "Drum & Bass", "Indie", "Neo Soul", "Downtempo",
              "Afro House", "Classical Piano"],
    "mood": ["chill", "late night", "sunday morning", "focus", "cozy", "rainy day", "sunset", "calm", "dreamy"],
    "activity": ["study", "relax", "code", "sleep", "work", "chill", "read"],
    "place": ["tokyo", "café", "library", "forest", "cabin", "night city", "train", "rooftop"],
    "lp": ["The Final Boss", "A New Beginning", "Everything Breaks", "Going Deeper", "No Turning Back",
           "Megabase Time", "The Worst Decision", "Finally!", "Boss Rush"],
    "lp_twist": ["Every Enemy Is a Boss", "I Can't Stop Moving", "Chat Controls Everything", "It's Permadeath",
                 "Only Using Trains", "I Have 1 HP"],
    "lp_twist2": ["Only a Fishing Rod", "No Upgrades", "Random Items", "a Dance Pad", "My Eyes Closed"],
    "cs": ["Cold Open", "Weekend Update", "Digital Short", "Sketch", "Monologue"],
    "cshow": ["Taskmaster", "SNL", "Key & Peele", "Game Changer", "Whose Line", "Pitch Meeting"],
    "csit": ["your code works on the first try", "the meeting could have been an email", "Mondays",
             "you try to cancel a subscription", "IKEA instructions", "tech support calls", "a group project",
             "you move in with roommates", "the Wi-Fi goes down", "your dentist asks questions"],
    "film": ["Inception", "The Matrix", "Avatar 2", "Jurassic World", "Fast X", "Top Gun: Maverick", "Dune"],
    "cpl": ["Office Meeting", "Airport", "Gym Bro", "Group Chat", "Job Interview", "Road Trip", "Barista"],
    "comic": ["John Mulaney", "Ali Wong", "Taylor Tomlinson", "Bo Burnham", "Hasan Minhaj", "Nate Bargatze",
              "Trevor Noah", "Bill Burr", "Hannah Gadsby", "James Acaster", "Jimmy Carr", "Sarah Millican"],
    "special": ["Baby J", "Look At You", "Inside", "Sweet & Juicy", "Cold Lasagne", "Hello Again"],
    "csub": ["Airplanes", "Getting Older", "Dating Apps", "His Parents", "Working From Home", "Therapy", "Cats"],
    "job": ["Software Engineer", "Nurse", "Chef", "Medical Student", "Freelancer", "Farmer", "Pilot"],
    "city": ["Tokyo", "Berlin", "Lisbon", "New York", "Seoul", "Copenhagen", "Mexico City", "London", "Montreal"],
    "thing": ["Social Media", "My Phone", "Coffee", "Minimalism", "Cold Showers", "Journaling", "Running"],
    "room": ["Home Office", "Studio", "Van", "Kitchen", "Desk Setup"],
    "guest": ["Andrej Karpathy", "Yann LeCun", "Jensen Huang", "Kelsey Hightower", "Mitchell Hashimoto",
              "Andrew Huberman", "Matthew Walker", "Patrick Collison", "Lina Khan", "Brian Cox", "Esther Perel",
              "Guido van Rossum", "Chris Lattner", "Sam Harris", "Mary Roach", "Cal Newport", "Bryan Cantrill"],
    "pt": ["Sleep", "AI and the Future of Work", "Building Developer Tools", "The History of Nvidia",
           "Dopamine and Motivation", "Open Source Sustainability", "Burnout", "Scaling Startups",
           "Compilers", "Deep Work", "Longevity", "Hacking Stories", "Product Management", "Nutrition",
           "Quantum Computing", "Remote Work", "The Economics of Housing"],
    "dish": ["Ramen", "Lasagna", "Fried Chicken", "Sourdough", "Carbonara", "Tacos", "Pho", "Pad Thai",
             "Butter Chicken", "Smash Burgers", "Kimchi Jjigae", "Shakshuka", "Risotto", "Dumplings", "Chili"],
    "team1": ["Arsenal", "Lakers", "Bayern", "Real Madrid", "Celtics", "Chiefs", "Liverpool", "Warriors", "Dortmund"],
    "team2": ["Chelsea", "Nuggets", "Leipzig", "Barcelona", "Knicks", "Bills", "Man City", "Suns", "Schalke"],
    "player": ["Steph Curry", "Haaland", "LeBron", "Wembanyama", "Saka", "Musiala", "Luka Doncic", "Verstappen"],
    "race": ["Monaco GP", "Silverstone", "Spa", "Suzuka", "Interlagos", "Las Vegas GP"],
    "sh": ["the cat knew", "satisfying cut", "one-pan dinner hack", "this goal though", "office prank",
           "speedrun trick", "git push --force", "the perfect pour", "dog vs mirror", "tiny house tour",
           "insane parkour", "keyboard ASMR", "1v5 clutch", "life hack that works", "guess the song"],
    "tag": ["funny", "tech", "cooking", "gaming", "fyp", "sports", "satisfying", "coding"],
    "subj": ["Blockbuster", "Nokia", "the Roman Empire", "Concorde", "the Titanic", "Enron", "Atari", "Pompeii",
             "the Berlin Wall", "Theranos", "the Silk Road", "Chernobyl", "the Apollo Program", "Detroit",
             "the Medieval Peasant", "Ancient Egypt", "the Deep Sea", "the Dot-com Bubble", "FTX", "Antarctica"],
    "noise": ["Rain Sounds", "Brown Noise", "Thunderstorm", "Ocean Waves", "Fireplace Crackling", "Fan Noise",
              "Train Ride Sounds", "Forest Night Ambience"],
    "asmr": ["Tapping", "Whispering", "Page Turning", "Hair Brushing", "Keyboard Typing", "Mic Scratching"],
    "workout": ["HIIT", "Core", "Push Day", "Leg Day", "Mobility", "Kettlebell", "Running Drills", "Stretching",
                "Upper Body", "Pilates"],
    "yoga": ["Back Pain", "Beginners", "Bedtime", "Runners", "Desk Workers", "Morning Energy"],
    "sci": ["Entropy", "Quantum Tunneling", "Black Holes", "Magnets", "Time Dilation", "Prime Numbers",
            "Bridges", "Bicycles", "Fungi", "The Immune System", "Sound", "Glass", "Gyroscopes", "Batteries"],
    "prod": ["iPhone 18", "Pixel 11", "Framework Laptop 16", "Steam Deck 2", "MacBook Air M5", "Galaxy S26",
             "RTX 5080", "Vision Pro", "Kindle Scribe", "Apple Watch", "Meta Quest 4", "ThinkPad X1"],
    "verdict": ["Almost Perfect", "Disappointing", "The New Default", "Not For Everyone", "Worth It?",
                "Finally Fixed"],
    "prodcat": ["Laptops", "Phones", "Headphones", "Monitors", "Keyboards", "Budget GPUs"],
    "ar": ARTISTS,
}

DESCRIPTIONS = {
    "tutorial": ["In this video we look at {w} in {T} and build a small example step by step.",
                 "Source code on GitHub. Timestamps below. {w} can be confusing; here's the mental model that helped me."],
    "talk": ["Recorded at {conf} {y}. Slides and more talks on our channel.", "A talk about {w} and what we learned running it in production."],
    "lecture": ["Full lecture from {course}. License: Creative Commons BY-NC-SA.", "Instructor notes and problem sets on the course website."],
    "news": ["Subscribe for the latest news. {ns} {nv} {no}.", "Our correspondent reports. Watch the full coverage on our website."],
    "music_mix": ["Tracklist in the comments. Recorded live.", "Stream the full set on all platforms. Thanks for listening."],
    "lofi": ["Beats to {activity} to. Listen on Spotify & Apple Music.", "🎧 {mood} vibes 24/7. Artwork by our illustrator."],
    "lets_play": ["Thanks for watching! More {g} every week.", "Today in {g}: things go about as well as expected."],
    "gaming_news": ["Our review of {g}. Played on PC.", "Everything you need to know about {g} in {y}."],
    "comedy": ["Subscribe for more sketches.", "New episodes every Saturday."],
    "standup": ["Stream the full special now.", "Recorded live in front of a studio audience."],
    "vlog": ["Thanks for coming along! Gear I use is linked below.", "A little different from usual. Let me know what you think."],
    "podcast": ["Full episode. Chapters below. Sponsors keep the show free.", "Conversation about {pt}. Listen on any podcast app."],
    "cooking": ["Recipe in the description. Ingredients below.", "Printable recipe on my website. Let's cook {dish}."],
    "sports": ["Watch the best moments. Subscribe for more highlights.", "Extended highlights of the match."],
    "short": ["#shorts", "Follow for more!"],
    "documentary": ["Full documentary. Subtitles available.", "The story of {subj}, told by those who were there."],
    "sleep": ["Relax and drift off. Screen darkens after 10 minutes.", "For sleep, study and relaxation. No ads in the middle."],
    "fitness": ["Follow along, no equipment needed. Modify as you go.", "Full routine with sets and reps below."],
    "science": ["Sources and further reading below. Sponsored by our friends.", "We built it to see if {sci} really works."],
    "tech_review": ["Links to the products in this video. Some are affiliate links.", "Review unit provided; no one saw this video before you."],
}
TAGS = {
    "tutorial": ["tutorial", "programming", "coding", "developer", "how to"],
    "talk": ["conference", "software engineering", "talk", "keynote"],
    "lecture": ["lecture", "education", "university", "course"],
    "news": ["news", "politics", "breaking news", "world"],
    "music_mix": ["live", "dj set", "music", "mix"],
    "lofi": ["lofi", "lofi hip hop", "study music", "chill beats", "relax"],
    "lets_play": ["lets play", "gameplay", "gaming", "walkthrough"],
    "gaming_news": ["review", "gaming", "game news", "pc gaming"],
    "comedy": ["comedy", "funny", "sketch", "parody"],
    "standup": ["stand up", "comedy special", "standup comedy"],
    "vlog": ["vlog", "lifestyle", "day in the life"],
    "podcast": ["podcast", "interview", "full episode"],
    "cooking": ["recipe", "cooking", "food", "easy dinner"],
    "sports": ["highlights", "sports", "goals"],
    "short": ["shorts", "viral"],
    "documentary": ["documentary", "history", "full documentary"],
    "sleep": ["asmr", "sleep", "relaxing", "white noise", "insomnia"],
    "fitness": ["workout", "fitness", "home workout", "exercise"],
    "science": ["science", "physics", "engineering", "education"],
    "tech_review": ["tech", "review", "gadgets", "unboxing"],
}
