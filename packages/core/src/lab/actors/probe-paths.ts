/**
 * Paths that vulnerability scanners probe: secrets and VCS files, admin panels, WordPress on a site that
 * is not WordPress, and well-known CVE endpoints. None exist on the lab's site.
 */
export const PROBE_PATHS: readonly string[] = [
  '/.env',
  '/.env.production',
  '/.git/config',
  '/.git/HEAD',
  '/.aws/credentials',
  '/.DS_Store',
  '/config.json',
  '/backup.zip',
  '/db.sql',
  '/dump.sql',
  '/wp-login.php',
  '/wp-admin/',
  '/xmlrpc.php',
  '/wp-content/plugins/revslider/temp/update_extract/revslider/',
  '/wp-includes/wlwmanifest.xml',
  '/phpmyadmin/',
  '/pma/index.php',
  '/admin/',
  '/administrator/index.php',
  '/manager/html',
  '/actuator/env',
  '/actuator/health',
  '/server-status',
  '/phpinfo.php',
  '/info.php',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh',
  '/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession',
  '/_ignition/execute-solution',
  '/boaform/admin/formLogin',
  '/HNAP1/',
  '/owa/auth/logon.aspx',
  '/solr/admin/info/system',
  '/console/login/LoginForm.jsp',
  '/static/../../../../etc/passwd',
  '/cgi-bin/luci/;stok=/locale',
  '/api/v1/../../.env',
  '/.vscode/sftp.json',
  '/config/database.yml',
  '/storage/logs/laravel.log',
  '/telescope/requests',
  '/debug/default/view?panel=config',
  '/login.action',
  '/?XDEBUG_SESSION_START=phpstorm',
];

/** Status a typical nginx + app stack answers to a probe: mostly 404, 403 for dot files and traversal. */
export function probeStatus(path: string): number {
  return path.includes('/.') || path.includes('..') ? 403 : 404;
}
