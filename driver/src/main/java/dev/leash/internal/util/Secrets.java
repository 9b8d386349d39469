package dev.leash.internal.util;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides passwords, tokens and keys before anything leaves Leash: log events, the
 * holders report, JMX, JFR, metrics tags, exception messages. Every output that shows a database URL
 * or connection properties goes through here (PRODUCT.md, "Secrets stay secret").
 *
 * <p>Masking errs on the side of hiding: an ambiguous value is masked whole, and a key that merely
 * contains {@code password}, {@code secret} or {@code token} counts as secret. A URL without secrets
 * comes back unchanged, character for character. No method here throws.
 */
public final class Secrets {

  /** What replaces a secret value. */
  public static final String MASK = "****";

  /** Normalized keys (lower case, without {@code _ - .}) that are secret exactly. */
  private static final String[] EXACT = {"pass", "pw"};

  /** Normalized keys containing one of these are secret: {@code sslpassword}, {@code clientSecret}, {@code api_key}. */
  private static final String[] CONTAINED = {
    "password", "passwd", "pwd", "secret", "token", "apikey", "accesskey", "privatekey", "credential"
  };

  /** A {@code ;key=} or {@code &key=} inside what looks like userinfo: it is a property list, not {@code user:pass@}. */
  private static final Pattern PROPERTY = Pattern.compile("[;&]\\s*[A-Za-z_][\\w.\\-]*\\s*=");

  /** Oracle's {@code jdbc:oracle:thin:user/password@...} (also {@code oci}, {@code oci8}, {@code kprb}). */
  private static final Pattern ORACLE = Pattern.compile("(?i)oracle:[a-z0-9]+:");

  private Secrets() {}

  /**
   * True if a value stored under {@code key} must never be shown. Case-insensitive; {@code _}, {@code -}
   * and {@code .} are ignored, so {@code api_key}, {@code apiKey} and {@code API-KEY} are the same key.
   */
  public static boolean isSecretKey(String key) {
    if (key == null) {
      return false;
    }
    String n = normalize(key);
    if (n.isEmpty()) {
      return false;
    }
    for (String e : EXACT) {
      if (n.equals(e)) {
        return true;
      }
    }
    for (String c : CONTAINED) {
      if (n.contains(c)) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code url} with every secret replaced by {@value #MASK}:
   *
   * <ul>
   *   <li>the password of {@code //user:password@host} (up to the last {@code @} before the query, so a
   *       password may contain {@code @}),
   *   <li>Oracle's {@code user/password@host},
   *   <li>the value of every secret key ({@link #isSecretKey}) in {@code ?key=value}, {@code &key=value},
   *       {@code ;key=value}, {@code :key=value}, {@code (key=value)} and {@code ,key=value} forms. A
   *       value runs to the next {@code & ; ,} that starts another {@code key=} (or ends the text), so a
   *       password may contain those characters; in parentheses it also ends at {@code )}; a
   *       {@code {braced}} or quoted value ends at its closing brace or quote.
   * </ul>
   *
   * An empty value stays empty. Null gives null; should masking itself fail, the result is
   * {@value #MASK} alone rather than the unmasked text.
   */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    try {
      return maskKeyValues(maskUserInfo(maskOracle(url)));
    } catch (RuntimeException e) {
      return MASK;
    }
  }

  /**
   * A copy of {@code properties} (defaults flattened in) with the value of every secret key replaced by
   * {@value #MASK}, and every other string value passed through {@link #maskUrl} (a {@code url}
   * property holds a URL). Null gives null.
   */
  public static Properties maskProperties(Properties properties) {
    if (properties == null) {
      return null;
    }
    Properties out = new Properties();
    try {
      for (Map.Entry<Object, Object> e : new ArrayList<>(properties.entrySet())) {
        out.put(e.getKey(), maskValue(e.getKey(), e.getValue()));
      }
      for (String name : properties.stringPropertyNames()) {
        if (!out.containsKey(name)) {
          out.put(name, maskValue(name, properties.getProperty(name)));
        }
      }
    } catch (RuntimeException e) {
      out.clear(); // a concurrently modified or odd Properties: show nothing rather than something unmasked
    }
    return out;
  }

  /**
   * A copy of {@code map}, in its iteration order, with the value of every secret key replaced by
   * {@value #MASK} and every other value passed through {@link #maskUrl}. Null values stay null; null
   * gives null.
   */
  public static Map<String, String> mask(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> e : map.entrySet()) {
        Object v = maskValue(e.getKey(), e.getValue());
        out.put(e.getKey(), v == null ? null : v.toString());
      }
    } catch (RuntimeException e) {
      out.clear();
    }
    return out;
  }

  private static Object maskValue(Object key, Object value) {
    if (value == null) {
      return null;
    }
    if (key instanceof String && isSecretKey((String) key)) {
      return value instanceof String && ((String) value).isEmpty() ? value : MASK;
    }
    return value instanceof String ? maskUrl((String) value) : value;
  }

  // ---------------------------------------------------------------------------------------------

  private static String maskOracle(String s) {
    Matcher m = ORACLE.matcher(s);
    if (!m.find()) {
      return s;
    }
    int slash = -1;
    for (int i = m.end(); i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/') {
        slash = i;
        break;
      }
      if (c == '@' || c == ':' || c == '(' || c == '?') {
        return s; // "@host", "@//host" or a descriptor: no user/password here
      }
    }
    if (slash < 0) {
      return s;
    }
    int q = s.indexOf('?', slash);
    int at = s.lastIndexOf('@', (q < 0 ? s.length() : q) - 1);
    if (at <= slash + 1) {
      return s;
    }
    return s.substring(0, slash + 1) + MASK + s.substring(at);
  }

  private static String maskUserInfo(String s) {
    int slashes = s.indexOf("//");
    if (slashes < 0) {
      return s;
    }
    int q = s.indexOf('?');
    if (q >= 0 && q < slashes) {
      return s;
    }
    int start = slashes + 2;
    int end = q < 0 ? s.length() : q;
    int at = s.lastIndexOf('@', end - 1);
    if (at < start) {
      return s;
    }
    String userInfo = s.substring(start, at);
    int colon = userInfo.indexOf(':');
    if (colon < 0 || colon == userInfo.length() - 1) {
      return s; // no password, or an empty one
    }
    if (userInfo.substring(0, colon).indexOf('/') >= 0 || PROPERTY.matcher(userInfo).find()) {
      return s; // a path or a property list that happens to contain '@', not user:password
    }
    return s.substring(0, start + colon + 1) + MASK + s.substring(at);
  }

  private static String maskKeyValues(String s) {
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int eq;
    while ((eq = s.indexOf('=', from)) >= 0) {
      from = eq + 1;
      int keyEnd = eq;
      while (keyEnd > 0 && s.charAt(keyEnd - 1) == ' ') {
        keyEnd--;
      }
      int keyStart = keyEnd;
      while (keyStart > 0 && isKeyChar(s.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == keyEnd
          || (keyStart > 0 && !isKeyDelimiter(s.charAt(keyStart - 1)))
          || !isSecretKey(s.substring(keyStart, keyEnd))) {
        continue;
      }
      int valueStart = eq + 1;
      while (valueStart < s.length() && s.charAt(valueStart) == ' ') {
        valueStart++;
      }
      int valueEnd = valueEnd(s, valueStart, nested(s, keyStart));
      if (valueEnd > valueStart) {
        if (out == null) {
          out = new StringBuilder(s.length());
        }
        out.append(s, copied, valueStart).append(MASK);
        copied = valueEnd;
        from = valueEnd;
      }
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, s.length()).toString();
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private static boolean isKeyDelimiter(char c) {
    return c == '?' || c == '&' || c == ';' || c == ':' || c == '(' || c == ',' || c == '{' || Character.isWhitespace(c);
  }

  /** True if {@code pos} is inside an open {@code (} or {@code {}: then {@code )} or {@code }} ends a value. */
  private static boolean nested(String s, int pos) {
    int depth = 0;
    for (int i = 0; i < pos; i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '{') {
        depth++;
      } else if ((c == ')' || c == '}') && depth > 0) {
        depth--;
      }
    }
    return depth > 0;
  }

  private static int valueEnd(String s, int start, boolean nested) {
    int n = s.length();
    if (start < n) {
      char open = s.charAt(start);
      char close = open == '{' ? '}' : open == '"' || open == '\'' ? open : 0;
      if (close != 0) {
        for (int i = start + 1; i < n; i++) {
          if (s.charAt(i) == close) {
            if (close == '}' && i + 1 < n && s.charAt(i + 1) == '}') {
              i++; // SQL Server escapes '}' inside braces as "}}"
              continue;
            }
            return i + 1;
          }
        }
        return n;
      }
    }
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (nested && (c == ')' || c == '}')) {
        return i;
      }
      if ((c == '&' || c == ';' || c == ',') && startsKeyOrEnds(s, i + 1)) {
        return i;
      }
    }
    return n;
  }

  /** True if {@code s} from {@code i} is blank or starts with {@code key=} (spaces allowed around the key). */
  private static boolean startsKeyOrEnds(String s, int i) {
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return true;
    }
    int keyStart = i;
    while (i < n && isKeyChar(s.charAt(i))) {
      i++;
    }
    if (i == keyStart) {
      return false;
    }
    while (i < n && s.charAt(i) == ' ') {
      i++;
    }
    return i < n && s.charAt(i) == '=';
  }
}
