from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.main_window import MainWindow


def test_shots(qtbot, qapp, ui_session, tmp_path):
    theme.apply(qapp, resource_path("fonts"))
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.show_page("monthly_export")
    qtbot.waitExposed(window)
    background.wait_for_all()
    qtbot.wait(200)
    background.wait_for_all()
    qtbot.wait(100)
    window.grab().save("/tmp/i12b/export_nokey.png")
