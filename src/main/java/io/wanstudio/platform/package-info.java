/**
 * What every feature stands on and none owns: configuration, the data source and migrations, health, security
 * headers and cookies. Depends on no feature package.
 */
package io.wanstudio.platform;
