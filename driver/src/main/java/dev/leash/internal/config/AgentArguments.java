package dev.leash.internal.config;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The javaagent's argument string ({@code -javaagent:leash-agent.jar=leak.threshold=5s,jmx=false}): parsed
 * here, and installed process-wide for every later load to see between connection properties and system
 * properties.
 */
final class AgentArguments {

  static final String FORM = "key=value[,key=value...]";

  private static volatile Map<String, String> installed = Collections.emptyMap();

  private AgentArguments() {}

  /**
   * Parses the agent's argument string: {@code key=value} pairs separated by commas, keys with or
   * without the {@code leash.} prefix ({@code leak.threshold=5s,jmx=false}). Returned keys always carry
   * the prefix; keys are not checked here (an unknown key is reported by the load). Whitespace around
   * keys is dropped; values are kept as written and trimmed when validated. A later pair for the same
   * key wins.
   *
   * <p>Lists: a key whose value is a {@linkplain ConfigKey#list() list} ({@code leash.site.exclude},
   * {@code leash.context.keys}) takes comma-separated entries, so a fragment without {@code =} that
   * follows it continues its value: {@code site.exclude=com.acme.dao,com.acme.util,jmx=false} gives
   * {@code leash.site.exclude = com.acme.dao,com.acme.util} and {@code leash.jmx = false}. This is
   * unambiguous because a package prefix or MDC key never contains {@code =}. Anywhere else a fragment
   * without {@code =} is an error; an empty fragment there ({@code a=1,,b=2}, a trailing comma) is ignored.
   *
   * @param agentArgs the argument string; null or blank for none
   * @return the pairs in the order written, with full keys; unmodifiable
   * @throws LeashConfigException for a fragment without {@code =} or with an empty key; the message
   *     names the fragment and the expected form {@code key=value[,key=value...]}
   */
  static Map<String, String> parse(String agentArgs) {
    return parse(agentArgs, null);
  }

  /** As {@link #parse(String)}; when {@code problems} is not null, collects and skips instead of throwing. */
  static Map<String, String> parse(String agentArgs, List<LeashConfigException> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return Collections.unmodifiableMap(out);
    }
    String listKey = null; // the key a fragment without '=' continues, when the previous pair was a list
    for (String fragment : agentArgs.split(",", -1)) {
      int eq = fragment.indexOf('=');
      if (eq < 0) {
        if (listKey != null) {
          out.put(listKey, out.get(listKey) + "," + fragment);
        } else if (!fragment.trim().isEmpty()) {
          fail(problems, malformed(null, fragment, "is not a key=value pair"));
        }
        continue;
      }
      String key = fragment.substring(0, eq).trim();
      if (key.isEmpty()) {
        fail(problems, malformed("", fragment, "has no key"));
        listKey = null;
        continue;
      }
      String full = withPrefix(key);
      out.put(full, fragment.substring(eq + 1));
      ConfigKey<?> k = ConfigKey.named(full);
      listKey = k != null && k.list() ? full : null;
    }
    return Collections.unmodifiableMap(out);
  }

  private static LeashConfigException malformed(String key, String fragment, String problem) {
    return new LeashConfigException(key, fragment, Source.AGENT_ARGUMENT,
        "agent argument '" + fragment + "' " + problem + "; use " + FORM
            + ", for example leak.threshold=30s,site.exclude=com.acme.dao,com.acme.util", null);
  }

  private static void fail(List<LeashConfigException> problems, LeashConfigException e) {
    if (problems == null) {
      throw e;
    }
    problems.add(e);
  }

  private static String withPrefix(String key) {
    return key.startsWith(ConfigKey.PREFIX) ? key : ConfigKey.PREFIX + key;
  }

  /**
   * Stores parsed agent arguments process-wide, for every later load to see. Called once by the agent
   * (again on a later {@code attach}, which replaces them). Keys without the {@code leash.} prefix get it.
   *
   * @param arguments usually the result of {@link #parse}; null clears them
   */
  static void install(Map<String, String> arguments) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (arguments != null) {
      for (Map.Entry<String, String> e : arguments.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          copy.put(withPrefix(e.getKey().trim()), e.getValue());
        }
      }
    }
    installed = Collections.unmodifiableMap(copy);
  }

  /** The agent arguments installed now; empty when none. */
  static Map<String, String> installed() {
    return installed;
  }

  /** The installed arguments as a source. */
  static Source source() {
    return Source.of(Source.AGENT_ARGUMENT, installed);
  }
}
