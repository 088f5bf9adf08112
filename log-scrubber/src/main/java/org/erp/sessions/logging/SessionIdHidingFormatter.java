package org.erp.sessions.logging;

import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * WildFly's pattern formatter, with every session id in the finished line hidden: in the message
 * and also in the text of an attached exception and its causes, which a handler's filter-spec
 * cannot reach (Infinispan's lock timeout ISPN000299 names {@code SessionMetaDataKey(<id>)} there).
 *
 * <p>It also keeps request input from forging log lines: in the message, a line break starts a
 * continuation line ({@code "    | "}), never a line that could pass for an entry of its own, and
 * anywhere in the line other control characters (a carriage return, ANSI escapes) are shown as a
 * backslash, "u" and four hex digits. A header that RESTEasy quotes in a warning or in the text of
 * an exception is request input. (So the console is not coloured: no ANSI escapes at all.)
 *
 * <p>A session id is a token of exactly 40 characters of the URL-safe base64 alphabet (30 random
 * bytes, Undertow's default), possibly followed by a route such as {@code .node1}. Class names,
 * UUIDs and the audit log's session names ({@code s:} and 16 hex digits) never match.
 */
public class SessionIdHidingFormatter extends PatternFormatter {

  static final Pattern SESSION_ID =
      Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])");
  static final String HIDDEN = "<id hidden>";

  /** What a line break inside a message becomes: the next line is visibly part of this entry. */
  static final String CONTINUATION = "\n    | ";

  /** For WildFly's custom-formatter, which sets the pattern as the property "pattern". */
  public SessionIdHidingFormatter() {}

  public SessionIdHidingFormatter(String pattern) {
    super(pattern);
  }

  @Override
  public String format(ExtLogRecord record) {
    String message = record.getFormattedMessage();
    ExtLogRecord shown = record;
    if (message != null && message.indexOf('\n') >= 0) {
      shown = new ExtLogRecord(record);
      shown.setMessage(message.replace("\n", CONTINUATION), ExtLogRecord.FormatStyle.NO_FORMAT);
      shown.setParameters(null);
    }
    return hide(escapeControls(super.format(shown)));
  }

  /**
   * Every control character but the line feed and the tab, as a backslash, "u" and four hex
   * digits: the line feeds left are the formatter's own (the line's end, a stack trace's lines)
   * or a message's continuation lines.
   */
  static String escapeControls(String text) {
    if (text.chars().noneMatch(SessionIdHidingFormatter::isControl)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.chars()
        .forEach(
            c -> {
              if (isControl(c)) {
                escaped.append(String.format("\\u%04x", c));
              } else {
                escaped.append((char) c);
              }
            });
    return escaped.toString();
  }

  private static boolean isControl(int c) {
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
  }

  static String hide(String text) {
    return SESSION_ID.matcher(text).replaceAll(HIDDEN);
  }
}
