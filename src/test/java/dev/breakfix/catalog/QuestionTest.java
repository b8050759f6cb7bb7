package dev.breakfix.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Debugging questions: the built-in ones, how answers are compared, and how a wrong question is reported. */
class QuestionTest {

    private static final Catalog BUILT_IN = new Catalog(Catalog.load(Optional.empty()));

    @Test
    void crasherAsksForTheExitCodeAndTheCrashLinePostgresForTheVariable() {
        Scenario crasher = BUILT_IN.get("crasher");
        assertThat(crasher.questions()).extracting(Question::id).containsExactly("exit-code", "crash-line");
        assertThat(crasher.question("exit-code")).get().satisfies(q -> {
            assertThat(q.accepts("139")).isTrue();
            assertThat(q.prompt("en")).contains("exit code");
            assertThat(q.prompt("zh-CN")).contains("退出码");
        });
        assertThat(crasher.question("crash-line").orElseThrow().accepts("crasher.c:3")).isTrue();
        Scenario postgres = BUILT_IN.get("postgres-misconfig");
        assertThat(postgres.questions()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("missing-variable");
            assertThat(q.accepts("POSTGRES_PASSWORD")).isTrue();
        });
        assertThat(BUILT_IN.get("nginx-typo").questions()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exit-code|' 139 '", "exit-code|139", "exit-code|１３９", "exit-code|'\t139\n'",
            "crash-line|crasher.c : 3", "crash-line|CRASHER.C:3", "crash-line|' crasher.c:3'", "crash-line|crasher.c：3" })
    void oddlyFormattedRightAnswersAreRight(String id, String answer) {
        assertThat(BUILT_IN.get("crasher").question(id).orElseThrow().accepts(answer)).as("'%s'", answer).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgres_password", " POSTGRES_PASSWORD ", "Postgres_Password" })
    void theVariableIsRightInAnyCase(String answer) {
        assertThat(BUILT_IN.get("postgres-misconfig").question("missing-variable").orElseThrow().accepts(answer)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "1", "13", "1390", "-139", "11", "SIGSEGV" })
    void wrongExitCodesAreWrong(String answer) {
        assertThat(BUILT_IN.get("crasher").question("exit-code").orElseThrow().accepts(answer)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "crasher.c:4", "crasher.c", "3", "crasher:3", "crasher.c:30", "POSTGRES_PASSWORD" })
    void wrongLinesAreWrong(String answer) {
        assertThat(BUILT_IN.get("crasher").question("crash-line").orElseThrow().accepts(answer)).isFalse();
    }

    @Test
    void normalisingRemovesSpacesAndCase() {
        assertThat(Question.normalise(" Crasher.c : 3 ")).isEqualTo("crasher.c:3");
        assertThat(Question.normalise(null)).isEmpty();
    }

    private static List<Question> read(String yaml) {
        return QuestionReader.questions(CatalogYaml.parse(yaml, "scenario.yaml"), "scenario.yaml");
    }

    private static final String VALID = """
            questions:
              - id: exit-code
                points: 2
                prompt:
                  en: "Which exit code?"
                  zh: "退出码是多少？"
                answers: ["139"]
            """;

    @Test
    void aValidQuestionIsRead() {
        assertThat(read(VALID)).singleElement().satisfies(q -> {
            assertThat(q.points()).isEqualTo(2);
            assertThat(q.prompts()).containsKeys("en", "zh");
        });
        assertThat(read("id: x\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zh: \"退出码是多少？\"||questions[0].prompt.zh",
            "points: 2|points: 0|questions[0].points",
            "points: 2|points: many|questions[0].points",
            "id: exit-code|id: Exit Code|questions[0].id",
            "answers: [\"139\"]|answers: []|answers",
            "answers: [\"139\"]|answers: [\"  \"]|answers",
            "points: 2|pointz: 2|questions[0].pointz" })
    void aWrongQuestionNamesTheFileAndField(String from, String to, String field) {
        String broken = VALID.replace(from, to == null ? "" : to);
        assertThat(broken).isNotEqualTo(VALID);
        assertThatThrownBy(() -> read(broken)).isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("scenario.yaml").hasMessageContaining(field);
    }

    @Test
    void twoQuestionsWithOneIdAreRefused() {
        String twice = VALID + VALID.substring(VALID.indexOf("  - id"));
        assertThatThrownBy(() -> read(twice)).isInstanceOf(CatalogException.class).hasMessageContaining("questions[1].id");
    }
}
