package dev.breakfix.web.asciidoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LabTextsTest {

    @Test
    void tokensAreReplacedWithTheLearnersValuesEscaped() {
        String html = "<code>kubectl -n " + LabAttributes.token("namespace") + " get pods</code>"
                + "<p>" + LabAttributes.token("node-label-key") + "=" + LabAttributes.token("node-label-value") + "</p>";
        String filled = LabTexts.fill(html, Map.of("namespace", "bf-ada-nginx-typo", "node-label-key", "breakfix.dev/purpose-ada",
                "node-label-value", "<b>&\"'"));
        assertThat(filled).isEqualTo("<code>kubectl -n bf-ada-nginx-typo get pods</code>"
                + "<p>breakfix.dev/purpose-ada=&lt;b&gt;&amp;&quot;&#39;</p>");
    }

    @Test
    void anAttributeWithoutAValueShowsItsName() {
        assertThat(LabTexts.fill("x " + LabAttributes.token("cpu-request"), Map.of())).isEqualTo("x {cpu-request}");
    }

    @Test
    void tokensArePlainLettersThatNoSubstitutionChanges() {
        for (String name : LabAttributes.NAMES) {
            assertThat(LabAttributes.token(name)).matches("[A-Z]+");
        }
        assertThat(LabAttributes.NAMES.stream().map(LabAttributes::token).distinct()).hasSize(LabAttributes.NAMES.size());
    }
}
