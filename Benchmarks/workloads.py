"""The benchmark workloads, generated deterministically from a seedless recipe: the same
commit gives the same files, byte for byte.

- tenants-N.csv: N tenants, alternating us-1 and uk-1, tenant IDs counted up, a customer each;
- runbook.md: the Markdown body of the source article's example runbook (no front matter),
  the one document every single-runbook tool renders;
- markdown-N/: each tenant's runbook.md, written once by runbook itself (untimed): the same
  bytes for cmark-gfm's throughput and for Hugo's content;
- hugo-N/: a Hugo site of those N pages with a minimal layout; hugo-site-1000/ adds the docs
  site's own pages.
"""
import pathlib
import shutil
import subprocess

HUGO_CONFIG = """baseURL = "http://example.invalid/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""

HUGO_HOME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""


def tenant(number):
    return "%08x-0000-4000-8000-%012x" % (number, number)


def tenants_csv(path, count):
    lines = ["region,tenant_id,customer"]
    for number in range(1, count + 1):
        lines.append("%s,%s,Customer %d" % ("us-1" if number % 2 else "uk-1", tenant(number), number))
    path.write_text("\n".join(lines) + "\n")


def strip_front_matter(text):
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1].lstrip("\n")
    return text


def hugo_site(folder, markdown_folder, extra_pages=()):
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "content" / "t").mkdir(parents=True)
    (folder / "config.toml").write_text(HUGO_CONFIG)
    (folder / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT)
    (folder / "layouts" / "index.html").write_text(HUGO_HOME)
    for tenant_folder in sorted(markdown_folder.iterdir()):
        if tenant_folder.is_dir():
            shutil.copyfile(tenant_folder / "runbook.md", folder / "content" / "t" / (tenant_folder.name + ".md"))
    for page in extra_pages:
        title = page.read_text().split("\n", 1)[0].lstrip("# ").strip() or page.stem
        # Not content/index.md: Hugo would make the home page a bundle holding every other page.
        (folder / "content" / ("docs-" + page.name)).write_text('---\ntitle: "%s"\n---\n\n%s' % (title, page.read_text()))


def generate(work, runbook, repository, jobs):
    """Writes every workload under `work`, using the `runbook` binary for the Markdown."""
    work.mkdir(parents=True, exist_ok=True)
    environment = {"SOURCE_DATE_EPOCH": "1764374400", "PATH": "/usr/bin:/bin"}
    for count in (1000, 10000):
        tenants_csv(work / ("tenants-%d.csv" % count), count)
    example = work / "example"
    subprocess.run([runbook, "render", "--format", "md", "--output", str(example)], env=environment, check=True,
                   capture_output=True)
    (work / "runbook.md").write_text(strip_front_matter(
        (example / "16f982b7-17fa-4c6c-a17b-9e7e018d42c0" / "runbook.md").read_text()))
    for count in (1000, 10000):
        markdown = work / ("markdown-%d" % count)
        if not (markdown / "manifest.json").exists():
            subprocess.run([runbook, "render", "--tenants", str(work / ("tenants-%d.csv" % count)), "--format", "md",
                            "--quiet", "--jobs", str(jobs), "--output", str(markdown)], env=environment, check=True,
                           capture_output=True)
        # cmark-gfm gets each runbook's body, the bytes runbook itself renders to HTML.
        bodies = work / ("bodies-%d" % count)
        if not bodies.exists():
            bodies.mkdir()
            for tenant_folder in sorted(markdown.iterdir()):
                if tenant_folder.is_dir():
                    (bodies / (tenant_folder.name + ".md")).write_text(strip_front_matter((tenant_folder / "runbook.md").read_text()))
    hugo_site(work / "hugo-10000", work / "markdown-10000")
    hugo_site(work / "hugo-site-1000", work / "markdown-1000",
              extra_pages=[repository / "Site" / "pages" / name for name in ("index.md", "verify.md")])
