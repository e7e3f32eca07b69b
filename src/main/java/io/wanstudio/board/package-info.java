/**
 * The team's review board: finished results put forward, an admin's verdict on each with a comment, and what an
 * approved second costs. Knows tasks and accounts; nothing here knows pages.
 */
package io.wanstudio.board;
