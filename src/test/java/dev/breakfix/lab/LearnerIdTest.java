package dev.breakfix.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LearnerIdTest {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    @Test
    void aValidLowerCaseNameIsUsedAsItIs() {
        assertThat(LearnerId.of("alice").name()).isEqualTo("alice");
        assertThat(LearnerId.of("  bob-2 ").name()).isEqualTo("bob-2");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Alice", "Alice Smith", "张伟", "José Núñez", "a.b@example.org", "x_y",
            "Ein langer Name mit Wörtern und mehr als vierzig Zeichen" })
    void anyOtherIdBecomesASafeLabelThatNamesANamespace(String raw) {
        LearnerId id = LearnerId.of(raw);
        assertThat(id.name()).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(LearnerId.MAX_NAME);
        assertThat(new LabKey(id, "postgres-misconfig").namespace()).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(id.nodeLabelKey().substring(id.nodeLabelKey().indexOf('/') + 1)).hasSizeLessThanOrEqualTo(63);
        assertThat(id.id()).isEqualTo(raw.strip());
    }

    @Test
    void namesStayReadableAndDifferentIdsNeverShareOne() {
        assertThat(LearnerId.of("José Núñez").name()).startsWith("jose-nunez-");
        assertThat(LearnerId.of("张伟").name()).startsWith("learner-");
        assertThat(LearnerId.of("Alice").name()).isNotEqualTo(LearnerId.of("alice").name());
        assertThat(LearnerId.of("张伟").name()).isNotEqualTo(LearnerId.of("李娜").name());
        assertThat(LearnerId.of("Alice").name()).isEqualTo(LearnerId.of("Alice").name());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "a/b", "alice\u0000", "line\nbreak", "<script>", "semi;colon",
            "this-id-is-far-too-long-to-be-a-learner-id-this-id-is-far-too-long-to-be" })
    void idsThatCannotBeANameAreRefusedWithAReason(String raw) {
        assertThatThrownBy(() -> LearnerId.of(raw)).isInstanceOf(InvalidLearnerIdException.class)
                .hasMessageContaining("learner id");
    }
}
