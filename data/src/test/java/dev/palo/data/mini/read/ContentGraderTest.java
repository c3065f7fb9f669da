package dev.palo.data.mini.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.mini.world.Scene;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Hand-made answers about one scene (a big red circle on the left, a small blue square on the right, a big yellow
 * star at the top) in each of the ten languages, with known right and wrong facts.
 */
class ContentGraderTest {
    private static final Scene SCENE = Scene.parse("circle:red:big:left|square:blue:small:right|star:yellow:big:top");
    private static final ContentGrader GRADER = new ContentGrader(FactReader.palo());

    /**
     * One language's answers: "what colour is the circle?" answered right and wrong; the detailed description
     * (1 count + 3 × colour, size, position = 10 facts) right, with every colour wrong, and without the count
     * sentence in another order.
     */
    record Row(String code, String colour, String wrongColour, String description, String wrongColours,
               String partial) {
        @Override
        public String toString() {
            return code;
        }
    }

    static List<Row> rows() {
        return List.of(
            new Row("en",
                    "The circle is red.", "The circle is blue.",
                    "There are three shapes in the picture. There is a big red circle on the left. There is a small blue square on the right. There is a big yellow star at the top.",
                    "There are three shapes in the picture. There is a big green circle on the left. There is a small yellow square on the right. There is a big purple star at the top.",
                    "There is a big yellow star at the top. There is a big red circle on the left. There is a small blue square on the right."),
            new Row("zh",
                    "圆形是红色的。", "圆形是蓝色的。",
                    "图中有三个图形。左边有一个红色的大圆形。右边有一个蓝色的小正方形。上边有一个黄色的大星形。",
                    "图中有三个图形。左边有一个绿色的大圆形。右边有一个黄色的小正方形。上边有一个紫色的大星形。",
                    "上边有一个黄色的大星形。左边有一个红色的大圆形。右边有一个蓝色的小正方形。"),
            new Row("fr",
                    "Sur l'image, le cercle est rouge.", "Sur l'image, le cercle est bleu.",
                    "Il y a trois formes sur l'image. Il y a un grand cercle rouge à gauche de l'image. Il y a un petit carré bleu à droite de l'image. Il y a une grande étoile jaune en haut de l'image.",
                    "Il y a trois formes sur l'image. Il y a un grand cercle vert à gauche de l'image. Il y a un petit carré jaune à droite de l'image. Il y a une grande étoile violette en haut de l'image.",
                    "Il y a une grande étoile jaune en haut de l'image. Il y a un grand cercle rouge à gauche de l'image. Il y a un petit carré bleu à droite de l'image."),
            new Row("es",
                    "El círculo es rojo.", "El círculo es azul.",
                    "Hay tres figuras en la imagen. Hay un círculo rojo grande a la izquierda. Hay un cuadrado azul pequeño a la derecha. Hay una estrella amarilla grande arriba.",
                    "Hay tres figuras en la imagen. Hay un círculo verde grande a la izquierda. Hay un cuadrado amarillo pequeño a la derecha. Hay una estrella morada grande arriba.",
                    "Hay una estrella amarilla grande arriba. Hay un círculo rojo grande a la izquierda. Hay un cuadrado azul pequeño a la derecha."),
            new Row("ru",
                    "Круг красный.", "Круг синий.",
                    "На картинке три фигуры. Слева находится большой красный круг. Справа находится маленький синий квадрат. Вверху находится большая жёлтая звезда.",
                    "На картинке три фигуры. Слева находится большой зелёный круг. Справа находится маленький жёлтый квадрат. Вверху находится большая фиолетовая звезда.",
                    "Вверху находится большая жёлтая звезда. Слева находится большой красный круг. Справа находится маленький синий квадрат."),
            new Row("ja",
                    "丸は赤色です。", "丸は青色です。",
                    "絵には図形が三つあります。左に大きい赤い丸があります。右に小さい青い四角があります。上に大きい黄色い星があります。",
                    "絵には図形が三つあります。左に大きい緑の丸があります。右に小さい黄色い四角があります。上に大きい紫の星があります。",
                    "上に大きい黄色い星があります。左に大きい赤い丸があります。右に小さい青い四角があります。"),
            new Row("ar",
                    "الدائرة حمراء.", "الدائرة زرقاء.",
                    "يوجد في الصورة ثلاثة أشكال. توجد على اليسار دائرة حمراء كبيرة. يوجد على اليمين مربع أزرق صغير. توجد في الأعلى نجمة صفراء كبيرة.",
                    "يوجد في الصورة ثلاثة أشكال. توجد على اليسار دائرة خضراء كبيرة. يوجد على اليمين مربع أصفر صغير. توجد في الأعلى نجمة بنفسجية كبيرة.",
                    "توجد في الأعلى نجمة صفراء كبيرة. توجد على اليسار دائرة حمراء كبيرة. يوجد على اليمين مربع أزرق صغير."),
            new Row("hi",
                    "वृत्त लाल है।", "वृत्त नीला है।",
                    "चित्र में तीन आकृतियाँ हैं। बाईं ओर एक बड़ा लाल वृत्त है। दाईं ओर एक छोटा नीला वर्ग है। ऊपर एक बड़ा पीला तारा है।",
                    "चित्र में तीन आकृतियाँ हैं। बाईं ओर एक बड़ा हरा वृत्त है। दाईं ओर एक छोटा पीला वर्ग है। ऊपर एक बड़ा बैंगनी तारा है।",
                    "ऊपर एक बड़ा पीला तारा है। बाईं ओर एक बड़ा लाल वृत्त है। दाईं ओर एक छोटा नीला वर्ग है।"),
            new Row("bn",
                    "বৃত্তটি লাল রঙের।", "বৃত্তটি নীল রঙের।",
                    "ছবিতে তিনটি আকৃতি আছে। বাম দিকে একটি বড় লাল বৃত্ত আছে। ডান দিকে একটি ছোট নীল বর্গ আছে। উপরে একটি বড় হলুদ তারা আছে।",
                    "ছবিতে তিনটি আকৃতি আছে। বাম দিকে একটি বড় সবুজ বৃত্ত আছে। ডান দিকে একটি ছোট হলুদ বর্গ আছে। উপরে একটি বড় বেগুনি তারা আছে।",
                    "উপরে একটি বড় হলুদ তারা আছে। বাম দিকে একটি বড় লাল বৃত্ত আছে। ডান দিকে একটি ছোট নীল বর্গ আছে।"),
            new Row("ur",
                    "دائرہ سرخ ہے۔", "دائرہ نیلا ہے۔",
                    "تصویر میں تین شکلیں ہیں۔ بائیں طرف ایک بڑا سرخ دائرہ ہے۔ دائیں طرف ایک چھوٹا نیلا مربع ہے۔ اوپر ایک بڑا پیلا ستارہ ہے۔",
                    "تصویر میں تین شکلیں ہیں۔ بائیں طرف ایک بڑا ہرا دائرہ ہے۔ دائیں طرف ایک چھوٹا پیلا مربع ہے۔ اوپر ایک بڑا جامنی ستارہ ہے۔",
                    "اوپر ایک بڑا پیلا ستارہ ہے۔ بائیں طرف ایک بڑا سرخ دائرہ ہے۔ دائیں طرف ایک چھوٹا نیلا مربع ہے۔")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void gradesRightAndWrongFactsInEachLanguage(Row row) {
        assertEquals(1.0, share(row.colour(), row.colour()));
        assertEquals(0.0, share(row.colour(), row.wrongColour()), "a wrong colour is no content");
        assertEquals(1.0, share(row.description(), row.description()));
        ContentGrade wrong = GRADER.grade(row.description(), row.wrongColours(), SCENE);
        assertEquals(10, wrong.gold().size(), wrong.gold().toString());
        assertEquals(3, wrong.contradicted().size(), wrong.contradicted().toString());
        // 7 of 10 stated, 3 false: each wrong colour costs the missed fact and the false one
        assertEquals(0.4, wrong.share(), 1e-9);
        assertEquals(0.9, share(row.description(), row.partial()), 1e-9);
        assertEquals(0.0, share(row.description(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aRightAnswerInAnyOtherLanguageIsRightContent(Row question) {
        for (Row answer : rows()) {
            assertEquals(1.0, share(question.colour(), answer.colour()), question.code() + " answered in " + answer.code());
            assertEquals(1.0, share(question.description(), answer.description()), question.code() + " answered in " + answer.code());
            assertEquals(0.0, share(question.colour(), answer.wrongColour()), question.code() + " answered in " + answer.code());
        }
    }

    @Test
    void anEnglishAnswerToAJapaneseQuestionScoresAsCorrectContent() {
        assertEquals(1.0, share("丸は赤色です。", "The circle is red."));
        assertEquals(0.0, share("丸は赤色です。", "The circle is blue."));
        assertEquals(0.0, share("丸は赤色です。", "丸は青色です。"), "fluent Japanese with the wrong colour");
    }

    @Test
    void gradesCountsRelationsAndSizesAgainstTheScene() {
        assertEquals(1.0, share("There are three shapes in the picture.", "На картинке три фигуры."));
        assertEquals(0.0, share("There are three shapes in the picture.", "图中有两个图形。"));
        assertEquals(1.0, share("The circle is to the left of the square.", "四角は丸の右にあります。"),
                "the same relation said the other way round");
        assertEquals(0.0, share("The circle is to the left of the square.", "Круг находится справа от квадрата."));
        assertEquals(1.0, share("The star is bigger than the square.", "النجمة أكبر من المربع."));
        assertEquals(0.0, share("The star is bigger than the square.", "The square is bigger than the star."));
        // a true fact the question did not ask for costs nothing; a false one does
        assertEquals(1.0, share("The circle is red.", "The circle is red. The star is at the top."));
        assertEquals(0.0, share("The circle is red.", "The circle is red. The star is blue."));
    }

    @Test
    void aGoldAnswerTheReaderCannotReadIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GRADER.grade("Lorem ipsum.", "The circle is red.", SCENE));
    }

    private static double share(String gold, String answer) {
        return GRADER.grade(gold, answer, SCENE).share();
    }
}
