package dev.leash.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  static Stream<Arguments> urlsWithSecrets() {
    return Stream.of(
        // PostgreSQL (pgjdbc)
        arguments("jdbc:postgresql://bob:s3cret@db/x", "jdbc:postgresql://bob:****@db/x"),
        arguments("jdbc:leash:postgresql://bob:s3cret@db:5432/shop?ssl=true",
            "jdbc:leash:postgresql://bob:****@db:5432/shop?ssl=true"),
        arguments("jdbc:postgresql://localhost:5432/shop?user=app&password=s3cret&ssl=true",
            "jdbc:postgresql://localhost:5432/shop?user=app&password=****&ssl=true"),
        arguments("jdbc:postgresql://db/shop?password=s3cret", "jdbc:postgresql://db/shop?password=****"),
        arguments("jdbc:postgresql://db/shop?sslmode=verify-full&sslpassword=keypass&sslkey=/k.pk8",
            "jdbc:postgresql://db/shop?sslmode=verify-full&sslpassword=****&sslkey=/k.pk8"),
        arguments("jdbc:postgresql://h1:5432,h2:5432/shop?targetServerType=primary&user=u&password=p",
            "jdbc:postgresql://h1:5432,h2:5432/shop?targetServerType=primary&user=u&password=****"),
        // passwords with @, ;, &, =, / and URL encoding
        arguments("jdbc:postgresql://bob:p@ss@db/x", "jdbc:postgresql://bob:****@db/x"),
        arguments("jdbc:postgresql://bob:p;ss@db/x", "jdbc:postgresql://bob:****@db/x"),
        arguments("jdbc:postgresql://bob:pa/ss@db/x", "jdbc:postgresql://bob:****@db/x"),
        arguments("jdbc:postgresql://bob:p%40ss@db/x?ssl=true", "jdbc:postgresql://bob:****@db/x?ssl=true"),
        arguments("jdbc:postgresql://db/x?user=u&password=p&ss&ssl=true",
            "jdbc:postgresql://db/x?user=u&password=****&ssl=true"),
        arguments("jdbc:postgresql://db/x?password=p;ss&user=u", "jdbc:postgresql://db/x?password=****&user=u"),
        arguments("jdbc:postgresql://db/x?password=abc==&user=u", "jdbc:postgresql://db/x?password=****&user=u"),
        arguments("jdbc:postgresql://db/x?password=p%26ss%3D1&user=u", "jdbc:postgresql://db/x?password=****&user=u"),
        arguments("jdbc:postgresql://db/x?password=a@b.c", "jdbc:postgresql://db/x?password=****"),
        arguments("jdbc:postgresql://db/x?password=a,b&user=u", "jdbc:postgresql://db/x?password=****&user=u"),
        // Azure-style user@server user name
        arguments("jdbc:postgresql://app@srv:p@ss@srv.postgres.database.azure.com/db",
            "jdbc:postgresql://app@srv:****@srv.postgres.database.azure.com/db"),
        // MySQL / MariaDB
        arguments("jdbc:mysql://bob:s3cret@host:3306/db", "jdbc:mysql://bob:****@host:3306/db"),
        arguments("jdbc:mysql://host/db?user=u&password=p", "jdbc:mysql://host/db?user=u&password=****"),
        arguments("jdbc:mysql://host/db?user=u&password=p&useSSL=true&trustCertificateKeyStorePassword=ts",
            "jdbc:mysql://host/db?user=u&password=****&useSSL=true&trustCertificateKeyStorePassword=****"),
        arguments("jdbc:mariadb://host:3306/db?user=u&password=p&sslMode=verify-full",
            "jdbc:mariadb://host:3306/db?user=u&password=****&sslMode=verify-full"),
        arguments("jdbc:mariadb://bob:s3cret@h1,h2/db", "jdbc:mariadb://bob:****@h1,h2/db"),
        arguments("jdbc:mysql://(host=h,port=3306,user=u,password=p)/db",
            "jdbc:mysql://(host=h,port=3306,user=u,password=****)/db"),
        arguments("jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=p)/db",
            "jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=****)/db"),
        // H2
        arguments("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=x", "jdbc:h2:tcp://h/db;USER=sa;PASSWORD=****"),
        arguments("jdbc:h2:mem:shop;USER=sa;PASSWORD=x;DB_CLOSE_DELAY=-1",
            "jdbc:h2:mem:shop;USER=sa;PASSWORD=****;DB_CLOSE_DELAY=-1"),
        arguments("jdbc:h2:file:/data/db;CIPHER=AES;PASSWORD=filepwd userpwd",
            "jdbc:h2:file:/data/db;CIPHER=AES;PASSWORD=****"),
        arguments("jdbc:leash:h2:mem:x;password=a;b", "jdbc:leash:h2:mem:x;password=****"),
        // SQL Server
        arguments("jdbc:sqlserver://host:1433;databaseName=db;user=sa;password=p@ss;encrypt=true;",
            "jdbc:sqlserver://host:1433;databaseName=db;user=sa;password=****;encrypt=true;"),
        arguments("jdbc:sqlserver://host;user=sa;password=x;", "jdbc:sqlserver://host;user=sa;password=****;"),
        arguments("jdbc:sqlserver://host;password={p;ss}};x};user=sa", "jdbc:sqlserver://host;password=****;user=sa"),
        arguments("jdbc:sqlserver://host;trustStorePassword=t;keyStoreSecret=k",
            "jdbc:sqlserver://host;trustStorePassword=****;keyStoreSecret=****"),
        arguments("jdbc:sqlserver://host;authentication=ActiveDirectoryServicePrincipal;AADSecurePrincipalSecret=sp",
            "jdbc:sqlserver://host;authentication=ActiveDirectoryServicePrincipal;AADSecurePrincipalSecret=****"),
        // Oracle
        arguments("jdbc:oracle:thin:scott/tiger@host:1521/x", "jdbc:oracle:thin:scott/****@host:1521/x"),
        arguments("jdbc:oracle:thin:scott/tiger@//host:1521/svc", "jdbc:oracle:thin:scott/****@//host:1521/svc"),
        arguments("jdbc:oracle:thin:scott/\"p@ss\"@host:1521:orcl", "jdbc:oracle:thin:scott/****@host:1521:orcl"),
        arguments("jdbc:leash:oracle:oci:scott/tiger@db", "jdbc:leash:oracle:oci:scott/****@db"),
        // DB2, Informix: ':' then ';'
        arguments("jdbc:db2://h:50000/db:user=u;password=p;", "jdbc:db2://h:50000/db:user=u;password=****;"),
        arguments("jdbc:informix-sqli://h:1533/db:INFORMIXSERVER=s;user=u;password=p",
            "jdbc:informix-sqli://h:1533/db:INFORMIXSERVER=s;user=u;password=****"),
        // Snowflake, Redshift, Databricks, SAP HANA, ClickHouse: tokens and keys
        arguments("jdbc:snowflake://acct.snowflakecomputing.com/?user=u&authenticator=oauth&token=eyJhbGc.x.y&warehouse=wh",
            "jdbc:snowflake://acct.snowflakecomputing.com/?user=u&authenticator=oauth&token=****&warehouse=wh"),
        arguments("jdbc:snowflake://acct.snowflakecomputing.com/?private_key_file_pwd=k&db=d",
            "jdbc:snowflake://acct.snowflakecomputing.com/?private_key_file_pwd=****&db=d"),
        arguments("jdbc:redshift://h:5439/dev?AccessKeyID=AKIA1&SecretAccessKey=sk&SessionToken=st",
            "jdbc:redshift://h:5439/dev?AccessKeyID=****&SecretAccessKey=****&SessionToken=****"),
        arguments("jdbc:databricks://h:443/default;transportMode=http;httpPath=/sql/1.0/w;AuthMech=3;UID=token;PWD=dapi123",
            "jdbc:databricks://h:443/default;transportMode=http;httpPath=/sql/1.0/w;AuthMech=3;UID=token;PWD=****"),
        arguments("jdbc:sap://h:30015/?user=u&password=p", "jdbc:sap://h:30015/?user=u&password=****"),
        arguments("jdbc:clickhouse://h:8123/db?user=u&password=p&compress=1",
            "jdbc:clickhouse://h:8123/db?user=u&password=****&compress=1"),
        arguments("jdbc:x://h/db?api_key=k1&apikey=k2&API-KEY=k3&access_key=a&secret_key=s&credentials=c&passwd=p&pwd=w",
            "jdbc:x://h/db?api_key=****&apikey=****&API-KEY=****&access_key=****&secret_key=****&credentials=****&passwd=****&pwd=****"),
        arguments("jdbc:x://h/db?clientSecret=c&client_id=i", "jdbc:x://h/db?clientSecret=****&client_id=i"),
        // property-list text and whitespace around '='
        arguments("{user=sa, password=x, url=jdbc:h2:mem:a}", "{user=sa, password=****, url=jdbc:h2:mem:a}"),
        arguments("password = s3cret; user = sa", "password = ****; user = sa"),
        arguments("password=x", "password=****"),
        // several secrets at once: userinfo and query
        arguments("jdbc:postgresql://bob:a@db/x?sslpassword=b", "jdbc:postgresql://bob:****@db/x?sslpassword=****"));
  }

  @ParameterizedTest
  @MethodSource("urlsWithSecrets")
  void masksSecrets(String url, String expected) {
    assertThat(Secrets.maskUrl(url)).isEqualTo(expected);
    assertThat(Secrets.maskUrl(expected)).as("masking is idempotent").isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:leash:h2:mem:shop",
      "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
      "jdbc:h2:tcp://localhost/~/test;USER=sa",
      "jdbc:h2:file:/data/db@2024;AUTO_SERVER=TRUE",
      "jdbc:postgresql://db:5432/shop?ssl=true&sslmode=require",
      "jdbc:postgresql://db/shop?ApplicationName=a=b&options=-c%20search_path=x",
      "jdbc:postgresql://bob@db/shop",
      "jdbc:postgresql://bob:@db/shop",
      "jdbc:postgresql://db/shop?user=u&password=",
      "jdbc:postgresql://h1:5432,h2:5432/shop?loadBalanceHosts=true",
      "jdbc:mysql://host:3306/db?allowPublicKeyRetrieval=true&useSSL=false",
      "jdbc:mysql://host/db?user=bob@corp&characterEncoding=UTF-8",
      "jdbc:mysql://(host=h,port=3306,user=u)/db",
      "jdbc:mariadb:loadbalance://h1,h2/db",
      "jdbc:sqlserver://host;user=a@corp;encrypt=true",
      "jdbc:sqlserver://host:1433;user=a@corp;databaseName=db",
      "jdbc:sqlserver://host\\inst:1433;integratedSecurity=true",
      "jdbc:oracle:thin:@//host:1521/svc",
      "jdbc:oracle:thin:@host:1521:orcl",
      "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))",
      "jdbc:oracle:thin:scott@host:1521/x",
      "jdbc:db2://h:50000/db:currentSchema=S;",
      "jdbc:snowflake://acct.snowflakecomputing.com/?user=u&warehouse=wh&authenticator=externalbrowser",
      "jdbc:databricks://h:443/default;transportMode=http;AuthMech=3;UID=token",
      "jdbc:sqlite:/tmp/a=b.db",
      "",
      "not a url at all: a=b; c=d & e",
  })
  void leavesUrlsWithoutSecretsAlone(String url) {
    assertThat(Secrets.maskUrl(url)).isEqualTo(url);
  }

  @Test
  void nullIsNull() {
    assertThat(Secrets.maskUrl(null)).isNull();
    assertThat(Secrets.maskProperties(null)).isNull();
    assertThat(Secrets.mask(null)).isNull();
    assertThat(Secrets.isSecretKey(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password", "PASSWORD", "Password", "pwd", "PWD", "passwd", "pass", "secret", "token", "apikey", "api_key",
      "API-KEY", "apiKey", "access_key", "secret_key", "credentials", "credential", "sslpassword",
      "trustStorePassword", "keyStorePassword", "clientSecret", "client_secret", "accessToken", "SessionToken",
      "private_key_file_pwd", "privateKey", "SecretAccessKey", "AccessKeyID", "oauth.token", "db.password"
  })
  void secretKeys(String key) {
    assertThat(Secrets.isSecretKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "user", "username", "UID", "host", "port", "ssl", "sslmode", "databaseName", "url", "authenticator",
      "AuthMech", "allowPublicKeyRetrieval", "leash.leak.threshold", "keyStoreType", "", "  "
  })
  void ordinaryKeys(String key) {
    assertThat(Secrets.isSecretKey(key)).isFalse();
  }

  @Test
  void maskPropertiesCopiesAndMasks() {
    Properties defaults = new Properties();
    defaults.setProperty("sslpassword", "fromDefaults");
    Properties p = new Properties(defaults);
    p.setProperty("user", "app");
    p.setProperty("password", "s3cret");
    p.setProperty("url", "jdbc:postgresql://bob:pw@db/x");
    p.setProperty("empty.password", "");
    p.put("token", 42); // a non-String value is still masked

    Properties masked = Secrets.maskProperties(p);

    assertThat(masked).isNotSameAs(p);
    assertThat(masked.getProperty("user")).isEqualTo("app");
    assertThat(masked.getProperty("password")).isEqualTo("****");
    assertThat(masked.getProperty("sslpassword")).isEqualTo("****");
    assertThat(masked.getProperty("url")).isEqualTo("jdbc:postgresql://bob:****@db/x");
    assertThat(masked.getProperty("empty.password")).isEmpty();
    assertThat(masked.get("token")).isEqualTo("****");
    assertThat(p.getProperty("password")).as("the original is untouched").isEqualTo("s3cret");
    assertThat(p.get("token")).isEqualTo(42);
  }

  @Test
  void maskMapKeepsOrderAndNulls() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("user", "app");
    m.put("clientSecret", "c");
    m.put("jdbcUrl", "jdbc:mysql://host/db?user=u&password=p");
    m.put("api_key", null);

    Map<String, String> masked = Secrets.mask(m);

    assertThat(masked).containsExactly(
        Map.entry("user", "app"),
        Map.entry("clientSecret", "****"),
        Map.entry("jdbcUrl", "jdbc:mysql://host/db?user=u&password=****"),
        new java.util.AbstractMap.SimpleEntry<>("api_key", null));
    assertThat(m.get("clientSecret")).isEqualTo("c");
  }

  @Test
  void neverThrowsOnOddInput() {
    String[] odd = {"=", "==", "password=", "?password", "//", "//@", "//:@", "@", "jdbc:oracle:thin:/",
        "jdbc:oracle:thin:a/@", "(password=", "{password={", "password='", "password=\"x", ";&,=;&,"};
    for (String s : odd) {
      assertThat(Secrets.maskUrl(s)).as(s).isNotNull();
    }
    assertThat(Secrets.maskUrl("password='a;b';user=u")).isEqualTo("password=****;user=u");
  }
}
