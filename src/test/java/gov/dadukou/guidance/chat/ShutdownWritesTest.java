package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Question-log and feedback writes lose nothing on a clean shutdown: everything accepted before
 * {@link Assistant#close()} is in the database when it is opened again. On SQLite and PostgreSQL (the subclasses).
 */
abstract class ShutdownWritesTest {
    static final String[] QUESTIONS = {"营业执照要挂出来吗", "企业年报什么时候报", "明天会下雨吗", "开一家餐馆要办哪些手续", "首违不罚是什么意思"};

    /** The same database every time it is called (dense retrieval off, for speed). */
    abstract AppConfig config();

    @Test
    void everyQuestionAndFeedbackAcceptedBeforeCloseIsStoredAfterIt() {
        int questions = 600;
        int feedbacks = 50;
        long dropped;
        try (Assistant assistant = Assistant.start(config(), Clock.systemUTC())) {
            for (int i = 0; i < questions; i++) {
                assistant.chat().ask(QUESTIONS[i % QUESTIONS.length] + "（" + i + "）", null);
            }
            for (int i = 0; i < feedbacks; i++) {
                assistant.feedback().record("scjg-yyzz-xingmu", i % 2 == 0, "第" + i + "条意见");
            }
            dropped = assistant.questions().dropped();
        } // closed at once: the writer is most likely in the middle of its half-second wait or a batch
        assertEquals(0, dropped);
        try (Database db = Assistant.openDatabase(config())) {
            assertEquals(questions, count(db, "question_log"), "every question written before the database closed");
            assertEquals(feedbacks, count(db, "answer_feedback"));
        }
    }

    static long count(Database db, String table) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
