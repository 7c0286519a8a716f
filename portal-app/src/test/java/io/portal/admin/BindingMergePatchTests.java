package io.portal.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge patch follows RFC 7396: its appendix A, case by case.
 */
class BindingMergePatchTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"b"}              | {"a":"c"}                 | {"a":"c"}
            {"a":"b"}              | {"b":"c"}                 | {"a":"b","b":"c"}
            {"a":"b"}              | {"a":null}                | {}
            {"a":"b","b":"c"}      | {"a":null}                | {"b":"c"}
            {"a":["b"]}            | {"a":"c"}                 | {"a":"c"}
            {"a":"c"}              | {"a":["b"]}               | {"a":["b"]}
            {"a":{"b":"c"}}        | {"a":{"b":"d","c":null}}  | {"a":{"b":"d"}}
            {"a":[{"b":"c"}]}      | {"a":[1]}                 | {"a":[1]}
            ["a","b"]              | ["c","d"]                 | ["c","d"]
            {"a":"b"}              | ["c"]                     | ["c"]
            {"a":"foo"}            | null                      | null
            {"a":"foo"}            | "bar"                     | "bar"
            {"e":null}             | {"a":1}                   | {"e":null,"a":1}
            [1,2]                  | {"a":"b","c":null}        | {"a":"b"}
            {}                     | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
            """)
    void appliesAsRfc7396Says(String target, String patch, String result) {
        assertThat(BindingMergePatch.apply(json.readTree(target), json.readTree(patch))).isEqualTo(json.readTree(result));
    }

    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"port":8443,"sni":{"a.example.com":"a","b.example.com":"b"}} | {"sni":{"a.example.com":null}} | {"port":8443,"sni":{"b.example.com":"b"}}
            {"port":8443,"sslBundle":"portal"}                            | {"sslBundle":null,"port":9443}  | {"port":9443}
            """)
    void changesOnlyTheFieldsItNames(String target, String patch, String result) {
        assertThat(BindingMergePatch.apply(json.readTree(target), json.readTree(patch))).isEqualTo(json.readTree(result));
    }

}
