package kyodo.query.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTokensTest {

    @Test
    void aDocumentStoresEveryCharacterAndEveryPairOfNeighbours() {
        assertThat(SearchTokens.ofDocument("駐輪場")).containsExactly("駐", "駐輪", "輪", "輪場", "場");
    }

    @Test
    void aDocumentStoresEachTokenOnceInOrderOfFirstAppearance() {
        assertThat(SearchTokens.ofDocument("ほしいほしい")).containsExactly("ほ", "ほし", "し", "しい", "い", "いほ");
    }

    @Test
    void punctuationAndSpacesSeparateRunsSoNoTokenSpansThem() {
        assertThat(SearchTokens.ofDocument("駅前、駐輪 場")).containsExactly("駅", "駅前", "前", "駐", "駐輪", "輪", "場");
    }

    @Test
    void everyTextOfADocumentIsTokenisedOnItsOwnAndNullTextsAreSkipped() {
        assertThat(SearchTokens.ofDocument("題名", null, "本文")).containsExactly("題", "題名", "名", "本", "本文", "文");
    }

    @Test
    void latinTextIsLowerCasedAndFullWidthFoldsToHalfWidth() {
        assertThat(SearchTokens.ofDocument("Bench", "ＬＥＤ")).containsExactly("b", "be", "e", "en", "n", "nc", "c",
                "ch", "h", "l", "le", "ed", "d");
    }

    @Test
    void halfWidthKanaFoldsToFullWidth() {
        assertThat(SearchTokens.ofDocument("ｶﾞｰﾃﾞﾝ")).isEqualTo(SearchTokens.ofDocument("ガーデン"));
        assertThat(SearchTokens.ofQuery("ｶﾞｰﾃﾞﾝ")).containsExactly("ガー", "ーデ", "デン");
    }

    @Test
    void charactersOutsideTheBasicPlaneStayWhole() {
        assertThat(SearchTokens.ofDocument("𠮷野")).containsExactly("𠮷", "𠮷野", "野");
        assertThat(SearchTokens.ofQuery("𠮷")).containsExactly("𠮷");
    }

    @Test
    void aQueryNeedsOnlyThePairsOfEachWord() {
        assertThat(SearchTokens.ofQuery("駐輪場")).containsExactly("駐輪", "輪場");
        assertThat(SearchTokens.ofQuery("駐輪場 公園")).containsExactly("駐輪", "輪場", "公園");
    }

    @Test
    void aOneCharacterWordOfAQueryIsThatCharacter() {
        assertThat(SearchTokens.ofQuery("駐")).containsExactly("駐");
        assertThat(SearchTokens.ofQuery("a 駐輪")).containsExactly("a", "駐輪");
    }

    @Test
    void aQueryWithoutLettersOrDigitsHasNoTokens() {
        assertThat(SearchTokens.ofQuery("！？ 、")).isEmpty();
        assertThat(SearchTokens.ofQuery("")).isEmpty();
        assertThat(SearchTokens.ofQuery(null)).isEmpty();
    }

    @Test
    void everyPartOfATextFindsTheText() {
        String text = "駅前の駐輪場を増やしてほしい。朝は満車です（LED照明も）";
        for (String part : new String[]{"駐輪", "ほしい", "満", "led照明", "ＬＥＤ", "朝は満車", "駅前 照明"}) {
            assertThat(SearchTokens.ofDocument(text)).as(part).containsAll(SearchTokens.ofQuery(part));
        }
    }
}
