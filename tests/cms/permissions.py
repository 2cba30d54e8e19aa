from tests.permissions.matrix import REDIRECT, Case, everyone

CASES = {
    "wagtail_serve": Case("/", everyone(200)),
    "search": Case("/zoeken/?q=cursus", everyone(200)),
    "text_size": Case("/tekstgrootte/?grootte=groot&next=/cursussen/", everyone(REDIRECT)),
    "robots_txt": Case("/robots.txt", everyone(200)),
    "sitemap": Case("/sitemap.xml", everyone(200)),
    "favicon.ico": Case("/favicon.ico", everyone(REDIRECT)),
    "wagtaildocs_serve": Case("/documenten/999999/bestaat-niet.pdf", everyone(404)),
    "wagtaildocs_authenticate_with_password": Case(
        "/documenten/authenticate_with_password/999999/", everyone(404)
    ),
    "wagtailcore_authenticate_with_password": Case(
        "/_util/authenticate_with_password/999999/999999/", everyone(404)
    ),
    "wagtailcore_login": Case("/_util/login/", everyone(200)),
    "media": Case("/media/images/bestaat-niet.png", everyone(404)),
}
