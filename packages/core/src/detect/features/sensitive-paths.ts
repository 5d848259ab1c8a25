/**
 * What probing looks like: paths no honest client asks for (dotfiles, backups, config dumps, CVE entry
 * points, traversal) and families that are only suspicious where the service does not serve them
 * (WordPress, admin panels). Rampart's own curated list (common knowledge, not a copy of any feed); it
 * favours precision: a path here should be something a browser never requests by following links.
 * All checks run on the lower-cased path + query; no pattern can backtrack badly (no nested quantifiers).
 */

/** Always sensitive, wherever they appear in the path. */
const ALWAYS = new RegExp(
  [
    // Any hidden file or folder (browsers never ask for one) except the public /.well-known/.
    String.raw`/\.(?!well-known(?:/|$))[a-z0-9_~-]`,
    String.raw`/(?:meta-inf|web-inf)/`,
    String.raw`/(?:wp-config|configuration|config|settings|database|db|localsettings|web)\.(?:php|inc|ini|yml|yaml|json|xml|config)?\.?(?:bak|old|orig|save|swp|swo|tmp|dist|txt|zip|tar|gz|~)$`,
    String.raw`\.(?:sql|sqlite|sqlite3|mdb|bak|backup|old|swp|tar\.gz|tgz|7z|rar|pem|key|p12|pfx)$`,
    String.raw`/(?:backup|backups|dump|db_backup|site|www|wwwroot|htdocs|public_html)\.(?:zip|tar|gz|sql)`,
    String.raw`/(?:phpinfo|info|test|php_info|i)\.php$`,
    String.raw`/(?:server-status|server-info|web\.config|crossdomain\.xml\.bak|id_rsa|id_dsa|\.well-known/security\.txt\.bak)`,
    String.raw`/(?:etc/passwd|etc/shadow|win\.ini|boot\.ini|proc/self/environ)|etc%2f(?:passwd|shadow)`,
  ].join('|'),
);

/** Entry points of widely scanned vulnerabilities (CVE probes) and web shells. */
const CVE = new RegExp(
  [
    String.raw`/vendor/phpunit/|/_ignition/|/cgi-bin/|/cgi/|/boaform/|/hnap1|/gponform/|/setup\.cgi|/goform/`,
    String.raw`/solr/admin|/actuator(?:/|$)|/jmx-console|/invoker/|/console/(?:login|css)|/manager/html|/hudson|/jenkins/script`,
    String.raw`/remote/fgt_lang|/mgmt/tm/|/tmui/|/\+cscoe\+/|/global-protect/|/dana-na/|/vpn/\.\./|/owa/auth/x\.js|/autodiscover/autodiscover\.json`,
    String.raw`/telerik\.web\.ui\.webresource\.axd|/api/jsonws/invoke|/druid/|/nacos/|/geoserver/|/struts|\.action$`,
    String.raw`/index\.php\?s=/?index/\\?think|/thinkphp|/wls-wsat/|/_async/|/uddiexplorer/|/cf_scripts/|/portal/redlion`,
    String.raw`/(?:cmd|c99|r57|wso|alfa|b374k|up|upload|uploader|x)\.(?:php|asp|aspx|jsp)$`,
    String.raw`/[^/]*(?:shell|sh3ll|c99|r57|b374k|indoxploit|backdoor)[^/]*\.(?:php|asp|aspx|jsp)$`,
    String.raw`/w00tw00t|/php/ztp_gate\.php|/api/v2/cmdb/system/admin|/vendor/htmlawed/|/service/extension/backup/`,
    String.raw`/remote_agent\.php|/ui/vcav-bootstrap/|/mifs/|/cgi-bin/luci|/hnap1/|/sdk$|/wp-content/plugins/[^/]+/readme\.txt$`,
    // Expression / template injection (log4j, OGNL, text4shell): '${' raw or encoded, then a lookup or an
    // expression — not a bare '${NAME}' left in a broken link by a page template.
    String.raw`(?:\$|%24)(?:\{|%7b)(?:jndi|script|url|dns|env|sys|java|base64|lower|upper|ctx|date|main|spring|::|\(|%28|\$|%24|\{|%7b)`,
    String.raw`/pages/doenterpagevariables\.action|/catalog-portal/ui/oauth/verify`,
    String.raw`/(?:owncloud|nextcloud)/apps/graphapi|/apps/graphapi/vendor|/zm/index\.php\?view=|/cgi-mod/|/api/v1/totp/user-backup-code`,
    String.raw`/ui/vropspluginui/|/analytics/telemetry/ph/api/|/sap/|/webtools/control/|/php-cgi/php-cgi\.exe|/servlet/`,
  ].join('|'),
);

/** Path traversal and its encodings. */
const TRAVERSAL = /\.\.\/|\.\.\\|\.\.%2f|%2e%2e|\.\.%5c|%252e|\.\.;\/|%c0%ae|\/\/\/\/+etc/;

/** WordPress paths: suspicious on a service that does not serve WordPress. */
const WORDPRESS =
  /\/(?:wp-login\.php|wp-admin|wp-content|wp-includes|xmlrpc\.php|wp-json|wp-config|wp-cron\.php|wordpress\/)/;

/** Admin panels and database UIs: suspicious where the service does not serve them. */
const ADMIN = new RegExp(
  [
    String.raw`/(?:phpmyadmin|pma|myadmin|mysqladmin|phpmyadmin\d*|sqladmin|dbadmin|adminer|pgadmin|webadmin|cpanel|whm|plesk)`,
    String.raw`/(?:administrator|admin|admin\.php|admin-console|admincp|manager|panel|controlpanel|backend|siteadmin|typo3|joomla|bitrix)(?:[/.?]|$)`,
  ].join('|'),
);

export const SENSITIVE_ALWAYS = 1;
export const SENSITIVE_CVE = 2;
export const SENSITIVE_TRAVERSAL = 4;
export const SENSITIVE_WORDPRESS = 8;
export const SENSITIVE_ADMIN = 16;

/** Bit set of the sensitive families a lower-cased path (with its query, if any) belongs to; 0 for none. */
export function sensitiveKinds(lowerPathAndQuery: string): number {
  let k = 0;
  if (ALWAYS.test(lowerPathAndQuery)) k |= SENSITIVE_ALWAYS;
  if (CVE.test(lowerPathAndQuery)) k |= SENSITIVE_CVE;
  if (TRAVERSAL.test(lowerPathAndQuery)) k |= SENSITIVE_TRAVERSAL;
  if (WORDPRESS.test(lowerPathAndQuery)) k |= SENSITIVE_WORDPRESS;
  if (ADMIN.test(lowerPathAndQuery)) k |= SENSITIVE_ADMIN;
  return k;
}

/** Families that count only when the service does not serve that prefix itself. */
export const SENSITIVE_IF_UNSERVED = SENSITIVE_WORDPRESS | SENSITIVE_ADMIN;
