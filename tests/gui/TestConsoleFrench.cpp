#include "GuiFixture.h"

#include "core/schedule/Recurrence.h"
#include "ui/AddJobDialog.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobListModel.h"
#include "ui/JobText.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/ScheduleWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLibraryInfo>
#include <QListWidget>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QTimeEdit>
#include <QTranslator>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The main window, the add dialog and the wizard in French: our labels (the portal's wording),
// Qt's own buttons (qtbase_fr) and dates in the French format.
class TestConsoleFrench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void mainWindowSpeaksFrench();
    void addDialogSpeaksFrench();
    void wizardSpeaksFrench();
    void intervalPluralInFrench();
    void wizardUsesTheTwentyFourHourClock();
    void datesFollowTheFrenchLocale();
    void triggersAreTranslated();
    void frenchRowsKeepTheirAccents();
    void chartNumbersFollowTheFrenchLocale();

private:
    Test::GuiFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleFrench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));

    Test::GuiFixture::installCatalogue(u"fr"_s);
    auto* qt = new QTranslator(qApp);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        qWarning("qtbase_fr is missing: install qt6-translations-l10n");

    // The tests only read: one empty host serves them all.
    QVERIFY(m_fixture.start());
}

void TestConsoleFrench::init()
{
    m_window = std::make_unique<MainWindow>(m_fixture.service());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleFrench::cleanup()
{
    m_window.reset();
    QTRY_VERIFY2(Test::GuiFixture::visibleWindows(nullptr).isEmpty(),
        qPrintable(Test::GuiFixture::visibleWindows(nullptr).join(u", "_s)));
}

void TestConsoleFrench::cleanupTestCase()
{
    m_fixture.stop();
}

void TestConsoleFrench::mainWindowSpeaksFrench()
{
    QCOMPARE(m_window->windowTitle(), u"Console WebJobs"_s);
    QCOMPARE(m_window->findChild<QLabel*>(u"titleLabel"_s)->text(), u"Tâches web"_s);
    const QList<std::pair<QString, QString>> actions {{u"addAction"_s, u"&Ajouter"_s}, {u"runAction"_s, u"&Exécuter"_s},
        {u"startAction"_s, u"&Démarrer"_s}, {u"stopAction"_s, u"A&rrêter"_s}, {u"deleteAction"_s, u"&Supprimer"_s},
        {u"openLogsAction"_s, u"Ouvrir les &journaux"_s}};
    for (const auto& [name, text] : actions)
        QCOMPARE(m_window->findChild<QAction*>(name)->text(), text);
    QAbstractItemModel* model = m_window->jobModel();
    QCOMPARE(model->headerData(JobListModel::NameColumn, Qt::Horizontal).toString(), u"Nom"_s);
    QCOMPARE(model->headerData(JobListModel::LogsColumn, Qt::Horizontal).toString(), u"Journaux"_s);
    QTRY_COMPARE(m_window->findChild<QLabel*>(u"connectionLabel"_s)->text(), u"Hôte local — Prêt"_s);
    // French plural rule: zero takes the singular.
    QTRY_COMPARE(m_window->findChild<QLabel*>(u"jobCountLabel"_s)->text(), u"0 tâche web"_s);
}

void TestConsoleFrench::addDialogSpeaksFrench()
{
    AddJobDialog dialog(m_fixture.service(), m_window.get());
    QCOMPARE(dialog.windowTitle(), u"Ajouter une tâche web"_s);
    auto* mode = dialog.findChild<QComboBox*>(u"modeCombo"_s);
    QCOMPARE(mode->itemText(0), u"Exécuter à la demande"_s);
    QCOMPARE(mode->itemText(1), u"Exécuter en continu"_s);
    QCOMPARE(mode->itemText(2), u"Exécuter selon une planification"_s);
    QCOMPARE(dialog.findChild<QAbstractButton*>(u"createButton"_s)->text(), u"Créer"_s);
    QCOMPARE(dialog.findChild<QAbstractButton*>(u"cancelButton"_s)->text(), u"Annuler"_s);
}

void TestConsoleFrench::wizardSpeaksFrench()
{
    ScheduleWizard wizard;
    QCOMPARE(wizard.findChild<QRadioButton*>(u"oneTimeRadio"_s)->text(), u"Tâche ponctuelle"_s);
    QCOMPARE(wizard.findChild<QRadioButton*>(u"recurringRadio"_s)->text(), u"Tâche périodique"_s);
    QCOMPARE(wizard.findChild<QRadioButton*>(u"startNowRadio"_s)->text(), u"Maintenant"_s);
    QCOMPARE(wizard.findChild<QRadioButton*>(u"startAtRadio"_s)->text(), u"À une heure spécifique"_s);
    QCOMPARE(wizard.findChild<QCheckBox*>(u"occurrenceCheckLast"_s)->text(), u"dernière"_s);
    QCOMPARE(wizard.findChild<QCheckBox*>(u"occurrenceCheck1"_s)->text(), u"première"_s);
    QCOMPARE(wizard.findChild<QCheckBox*>(u"weekDayCheck5"_s)->text(), u"vendredi"_s);
    // Qt's own wizard buttons come from qtbase_fr.
    QVERIFY2(wizard.buttonText(QWizard::NextButton).contains(u"Suivant"_s),
        qPrintable(wizard.buttonText(QWizard::NextButton)));
}

void TestConsoleFrench::intervalPluralInFrench()
{
    // The catalogue's plural forms, lowercase after "Tous les": no "chaque 1 Jours".
    Recurrence daily;
    daily.setRecurring(true);
    daily.setFrequency(Recurrence::Frequency::Day);
    daily.setInterval(1);
    QCOMPARE(daily.describe(), u"Tous les jours"_s);
    daily.setInterval(2);
    QCOMPARE(daily.describe(), u"Tous les 2 jours"_s);

    // The wizard's summary is the same sentence.
    ScheduleWizard wizard;
    wizard.setReferenceTime(QDateTime(QDate(2026, 1, 5), QTime(8, 0), Qt::UTC));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.findChild<QRadioButton*>(u"recurringRadio"_s)->click();
    wizard.next();
    wizard.findChild<QComboBox*>(u"timeZoneCombo"_s)->setCurrentText(u"UTC"_s);
    wizard.next();
    auto* frequency = wizard.findChild<QComboBox*>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findData(int(Recurrence::Frequency::Day)));
    for (const int interval : {1, 2}) {
        QCOMPARE(wizard.currentId(), int(ScheduleWizard::RecurrencePage));
        wizard.findChild<QSpinBox*>(u"intervalSpin"_s)->setValue(interval);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ScheduleWizard::TimePage));
        QSignalSpy ready(&wizard, &ScheduleWizard::previewReady);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ScheduleWizard::PreviewPage));
        const QString summary = wizard.findChild<QLabel*>(u"summaryLabel"_s)->text();
        const QString expected = interval == 1 ? u"Tous les jours à 09:00"_s : u"Tous les 2 jours à 09:00"_s;
        QVERIFY2(summary.startsWith(expected), qPrintable(summary));
        QVERIFY(ready.count() > 0 || ready.wait(10000));
        wizard.back();
        wizard.back();
    }
}

void TestConsoleFrench::wizardUsesTheTwentyFourHourClock()
{
    // The same weekly schedule as the English test, on the French clock: "09:30", day first.
    ScheduleWizard wizard;
    wizard.setReferenceTime(QDateTime(QDate(2026, 1, 5), QTime(8, 0), Qt::UTC));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.findChild<QRadioButton*>(u"recurringRadio"_s)->click();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ScheduleWizard::StartPage));
    QCOMPARE(wizard.findChild<QDateTimeEdit*>(u"startDateTimeEdit"_s)->text(), u"05/01/2026"_s);
    wizard.findChild<QComboBox*>(u"timeZoneCombo"_s)->setCurrentText(u"UTC"_s);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ScheduleWizard::RecurrencePage));
    auto* end = wizard.findChild<QDateTimeEdit*>(u"endDateTimeEdit"_s);
    end->setDateTime(QDateTime(QDate(2026, 6, 30), QTime(18, 0), Qt::UTC));
    QCOMPARE(end->text(), u"30/06/2026 18:00"_s);
    wizard.findChild<QCheckBox*>(u"endCheck"_s)->setChecked(true);
    auto* frequency = wizard.findChild<QComboBox*>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findData(int(Recurrence::Frequency::Week)));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ScheduleWizard::WeekDaysPage));
    wizard.findChild<QCheckBox*>(u"weekDayCheck1"_s)->click();
    wizard.findChild<QCheckBox*>(u"weekDayCheck3"_s)->click();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ScheduleWizard::TimePage));
    auto* time = wizard.findChild<QTimeEdit*>(u"atTimeEdit"_s);
    time->setTime(QTime(9, 30));
    QCOMPARE(time->text(), u"09:30"_s);
    const QString hint = wizard.findChild<QLabel*>(u"atHint"_s)->text();
    QVERIFY2(hint.contains(u"09:30"_s) && hint.contains(u"17:00"_s) && !hint.contains(u"AM"_s), qPrintable(hint));

    QSignalSpy ready(&wizard, &ScheduleWizard::previewReady);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ScheduleWizard::PreviewPage));
    QCOMPARE(wizard.findChild<QLabel*>(u"summaryLabel"_s)->text(),
        u"Toutes les semaines le lundi, mercredi à 09:30, jusqu'au 30/06/2026 18:00"_s);
    QVERIFY(ready.count() > 0 || ready.wait(10000));
    const QString first = wizard.findChild<QListWidget*>(u"previewList"_s)->item(0)->text();
    QVERIFY2(first.contains(u"2026"_s) && first.endsWith(u"09:30"_s), qPrintable(first));
}

void TestConsoleFrench::datesFollowTheFrenchLocale()
{
    const Instant instant = Instant::fromDateTime(QDateTime(QDate(2026, 3, 14), QTime(9, 30), Qt::UTC));
    QCOMPARE(JobText::dateTime(instant), u"14/03/2026 09:30"_s);
    QCOMPARE(JobText::status(JobStatus::Success), u"Réussite"_s);
    // One catalogue entry for the console and the command line.
    QCOMPARE(jobStatusText(JobStatus::PendingRestart), u"Redémarrage en attente"_s);
    QCOMPARE(JobText::duration(Duration::fromMilliseconds(2500)), u"2,5 s"_s);
}

void TestConsoleFrench::triggersAreTranslated()
{
    QCOMPARE(JobText::trigger(u"External - curl/8.0"_s), u"Externe - curl/8.0"_s);
    QCOMPARE(JobText::trigger(u"Schedule - 0 30 9 * * 1-5"_s), u"Planification - 0 30 9 * * 1-5"_s);
    QCOMPARE(JobText::trigger(u"something else"_s), u"something else"_s);
}

void TestConsoleFrench::frenchRowsKeepTheirAccents()
{
    // A French status on a row of the job list: the row is as tall as "É" with its accent.
    QTreeView* view = m_window->jobView();
    QStandardItemModel model;
    model.appendRow(new QStandardItem(JobText::status(JobStatus::Failed)));
    QCOMPARE(model.item(0)->text(), u"Échec"_s);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.font = view->font();
    const QSize hint = view->itemDelegate()->sizeHint(option, model.index(0, 0));
    const QFontMetrics metrics(view->font());
    QVERIFY2(hint.height() >= metrics.boundingRect(u"Échec"_s).height() + 2,
        qPrintable(u"row %1 px, glyphs %2 px"_s.arg(hint.height()).arg(metrics.boundingRect(u"Échec"_s).height())));
    QVERIFY(hint.height() >= metrics.lineSpacing());
}

void TestConsoleFrench::chartNumbersFollowTheFrenchLocale()
{
    // Its own host: the other tests read an empty one.
    Test::GuiFixture fixture;
    QVERIFY(fixture.start());
    QVERIFY(fixture.addScript(JobType::Triggered, u"lent"_s, "#!/bin/sh\nsleep 0.3\n"));
    QSignalSpy finished(fixture.service(), &JobService::runFinished);
    for (int i = 0; i < 2; ++i) {
        auto reply = fixture.service()->triggerRun(u"lent"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 30000);
    }
    auto entry = fixture.service()->job(JobType::Triggered, u"lent"_s);
    QTRY_VERIFY(entry.isFinished());
    QVERIFY(entry.result().has_value());
    JobDetailsDialog dialog(fixture.service(), *entry.result());
    dialog.show();
    auto* chartView = dialog.findChild<QChartView*>(u"durationChartView"_s);
    QVERIFY(chartView);
    QVERIFY(chartView->chart()->localizeNumbers());
    QCOMPARE(chartView->chart()->locale().language(), QLocale::French);
    // The value axis' labels, as drawn: decimals with a comma.
    const auto labels = [chartView] {
        QStringList texts;
        for (QGraphicsItem* item : chartView->scene()->items()) {
            if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
                texts.append(text->toPlainText());
        }
        return texts;
    };
    QTRY_VERIFY2(labels().filter(QRegularExpression(u"^\\d+,\\d$"_s)).size() >= 2, qPrintable(labels().join(u" | "_s)));
    QVERIFY2(labels().filter(QRegularExpression(u"^\\d+\\.\\d$"_s)).isEmpty(), qPrintable(labels().join(u" | "_s)));
    dialog.close();
}

QTEST_MAIN(TestConsoleFrench)
#include "TestConsoleFrench.moc"
